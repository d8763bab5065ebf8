import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { withLock } from './lock.js';

describe('withLock', () => {
  it('runs concurrent holders one after the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const log: string[] = [];
    const holder = (name: string) =>
      withLock(dir, async () => {
        log.push(`${name} in`);
        await sleep(300);
        log.push(`${name} out`);
      });
    await Promise.all([holder('a'), holder('b')]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out']);
  });

  it('takes over a lock whose holder has died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    mkdirSync(join(dir, 'lock'));
    writeFileSync(join(dir, 'lock', 'pid'), '999999999');
    expect(await withLock(dir, async () => 'ran')).toBe('ran');
  });
});
