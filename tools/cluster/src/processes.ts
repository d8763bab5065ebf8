/**
 * Starts control-plane components as detached processes with their output in a log file, and stops
 * only processes this tool recorded: a PID file names the PID and binary, and a PID is signalled
 * only while /proc says it still runs that binary (a reused PID is never killed).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PidRecord {
  readonly pid: number;
  readonly binary: string;
  /** The command line it was started with, so `up` can tell a changed configuration. */
  readonly args: readonly string[];
  readonly startedAt: string;
}

export interface StartSpec {
  readonly name: string;
  readonly binary: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly pidFile: string;
}

export interface StartedProcess {
  readonly record: PidRecord;
  /** Resolves with the exit code (or signal) if the process ends while this tool still runs. */
  readonly exited: Promise<string>;
}

export function startProcess(spec: StartSpec): StartedProcess {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  mkdirSync(dirname(spec.pidFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  writeSync(fd, `\n=== ${new Date().toISOString()} starting ${spec.binary} ${spec.args.join(' ')}\n`);
  const child = spawn(spec.binary, spec.args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<string>((resolve) => {
    child.on('error', (err) => resolve(`could not start: ${err.message}`));
    child.on('exit', (code, signal) => resolve(code === null ? `killed by ${signal}` : `exit code ${code}`));
  });
  child.unref();
  const startedAt = new Date().toISOString();
  if (child.pid === undefined) return { record: { pid: -1, binary: spec.binary, args: spec.args, startedAt }, exited };
  const record: PidRecord = { pid: child.pid, binary: spec.binary, args: spec.args, startedAt };
  writeFileSync(spec.pidFile, JSON.stringify(record) + '\n');
  return { record, exited };
}

export function readPidRecord(pidFile: string): PidRecord | undefined {
  if (!existsSync(pidFile)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(pidFile, 'utf8')) as Partial<PidRecord>;
    if (typeof parsed.pid !== 'number' || typeof parsed.binary !== 'string') return undefined;
    const args = Array.isArray(parsed.args) ? parsed.args.map(String) : [];
    return { pid: parsed.pid, binary: parsed.binary, args, startedAt: String(parsed.startedAt) };
  } catch {
    return undefined;
  }
}

/** True while the recorded PID is alive and still runs the recorded binary. */
/** True while the PID exists and is not a zombie (an ended child that its parent has not reaped yet). */
export function isProcessRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function isRecordedProcessAlive(record: PidRecord): boolean {
  try {
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return isProcessRunning(record.pid) && cmdline.split('\0')[0] === record.binary;
  } catch {
    return false;
  }
}

/** Resident memory of a live process in bytes (from /proc), or undefined. */
export function residentBytes(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM, then SIGKILL after the grace period; removes the PID file. Returns whether it was running. */
export async function stopRecordedProcess(pidFile: string, graceMs = 10_000): Promise<boolean> {
  const record = readPidRecord(pidFile);
  if (!record) {
    rmSync(pidFile, { force: true });
    return false;
  }
  const alive = isRecordedProcessAlive(record);
  if (alive) {
    process.kill(record.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isRecordedProcessAlive(record) && Date.now() < deadline) await sleep(100);
    if (isRecordedProcessAlive(record)) process.kill(record.pid, 'SIGKILL');
    while (isRecordedProcessAlive(record)) await sleep(50);
  }
  rmSync(pidFile, { force: true });
  return alive;
}
