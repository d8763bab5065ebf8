/** CPU seconds and peak RSS of a process from /proc, and a free loopback port. Linux only. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** user+sys CPU seconds of the process itself (children excluded), from /proc/<pid>/stat; NaN if gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: count fields after its closing parenthesis (utime, stime).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Peak resident memory in MiB (VmHWM) from /proc/<pid>/status; NaN if gone. */
export function peakRssMiB(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('could not get a free loopback port');
  return address.port;
}

/** 1-minute load average, for the caveat printed next to the figures. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

/** Cores the processes used together over the next `ms` (CPU-seconds per second). */
export async function cpuRate(pids: readonly number[], ms: number): Promise<number> {
  const total = () => pids.reduce((s, pid) => s + (cpuSeconds(pid) || 0), 0);
  const before = total();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (total() - before) / (ms / 1000);
}

/**
 * Waits until the processes are back to their idle rate (at most `baseline` + 0.1 cores over 3 s),
 * or `maxMs` passed; returns how long it waited. Between passes KWOK is still working off the
 * previous pass's pods (their status and their deletion); the next scheduler must not pay for that.
 */
export async function waitIdle(pids: readonly number[], baseline: number, maxMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < maxMs) {
    if ((await cpuRate(pids, 3_000)) <= baseline + 0.1) break;
  }
  return Date.now() - start;
}
