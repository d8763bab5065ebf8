/** Starts deployables as child processes with their logs in files, waits for /readyz, stops them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { httpProbe, waitHealthy } from '@grove/cluster';
import type { Deployable, LaunchCommand } from './deployables.js';

export interface RunningApp {
  readonly app: Deployable;
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly port: number;
  /** Epoch ms when the process was spawned, so readiness is timed from launch. */
  readonly startedAt: number;
}

export function startApp(app: Deployable, launch: LaunchCommand, logDir: string, port: number): RunningApp {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${app.name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(launch.command, launch.args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return { app, child, logFile, port, startedAt: Date.now() };
}

/** Resolves with how the child ended, whenever that is (at once if it already has). */
function exitOf(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null) return Promise.resolve(`exit code ${child.exitCode}`);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code === null ? `killed by ${signal}` : `exit code ${code}`)),
  );
}

/**
 * Waits until /readyz answers 200 with the cluster tool's probe loop; returns ms since launch.
 * Fails naming the app and its log when it exits first or runs out of time.
 */
export async function waitReady(running: RunningApp, timeoutMs: number): Promise<number> {
  const outcome = await waitHealthy(() => httpProbe(`http://127.0.0.1:${running.port}/readyz`), {
    timeoutMs: timeoutMs - (Date.now() - running.startedAt),
    exited: exitOf(running.child),
  });
  const where = `(log: ${running.logFile})`;
  if (outcome.kind === 'exited') throw new Error(`${running.app.name}: exited early (${outcome.how}) ${where}`);
  if (outcome.kind === 'timeout') throw new Error(`${running.app.name}: not ready after ${timeoutMs / 1000}s ${where}`);
  return Date.now() - running.startedAt;
}

/** SIGTERM and wait for the exit; returns the exit code. */
export async function stopApp(running: RunningApp): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGTERM');
  return exited;
}
