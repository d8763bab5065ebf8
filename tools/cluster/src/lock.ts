/**
 * A cross-process lock on the state folder, so two test runners calling `up` at once never start
 * two control planes. The lock records its holder's PID; a lock whose holder died is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterError } from './errors.js';

function holderAlive(lockDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withLock<T>(stateDir: string, work: () => Promise<T>, timeoutMs = 30 * 60_000): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const lockDir = join(stateDir, 'lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A holder that has not written its PID yet gets a moment before it counts as dead.
      if (!holderAlive(lockDir)) {
        await sleep(200);
        if (!holderAlive(lockDir)) rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new ClusterError('lock', `state folder ${stateDir} stayed locked`);
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
