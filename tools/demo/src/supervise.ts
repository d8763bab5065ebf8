/** Starts deployables as child processes with their logs in files, waits for /readyz, stops them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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

function readyz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Waits until /readyz answers 200; returns ms since launch. Fails naming the app and its log. */
export async function waitReady(running: RunningApp, timeoutMs: number): Promise<number> {
  const start = running.startedAt;
  while (Date.now() - start < timeoutMs) {
    if (running.child.exitCode !== null) {
      throw new Error(`${running.app.name}: exited early (exit code ${running.child.exitCode}) (log: ${running.logFile})`);
    }
    if (await readyz(running.port)) return Date.now() - start;
    await sleep(200);
  }
  throw new Error(`${running.app.name}: not ready after ${timeoutMs / 1000}s (log: ${running.logFile})`);
}

/** SIGTERM and wait for the exit; returns the exit code. */
export async function stopApp(running: RunningApp): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGTERM');
  return exited;
}
