/** Runs a command to completion, appending its output to a log file. */
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class CommandNotFoundError extends Error {
  constructor(readonly command: string) {
    super(`${command}: command not found`);
    this.name = 'CommandNotFoundError';
  }
}

export function runLogged(
  command: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string },
): Promise<RunResult> {
  const fd = openSync(opts.logFile, 'a');
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', fd, fd] });
    child.on('error', (err: NodeJS.ErrnoException) => {
      closeSync(fd);
      reject(err.code === 'ENOENT' ? new CommandNotFoundError(command) : err);
    });
    child.on('exit', (code, signal) => {
      closeSync(fd);
      resolve({ code, signal });
    });
  });
}

/** Runs a command and returns its stdout; throws with stderr on failure. */
export function capture(
  command: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new CommandNotFoundError(command) : e));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.trim()}`)),
    );
  });
}
