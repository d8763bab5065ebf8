import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterError } from './errors.js';
import { assertPortFree, isPortFree } from './ports.js';
import { isRecordedProcessAlive, readPidRecord, startProcess, stopRecordedProcess } from './processes.js';

const SLEEP = '/bin/sleep';

describe('recorded processes', () => {
  it('starts a detached process with a PID file and a log, and stops it by that record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proc-'));
    const spec = { name: 'sleeper', binary: SLEEP, args: ['30'], logFile: join(dir, 'l.log'), pidFile: join(dir, 'p.pid') };
    const started = startProcess(spec);
    const record = readPidRecord(spec.pidFile);
    expect(record?.pid).toBe(started.record.pid);
    expect(isRecordedProcessAlive(started.record)).toBe(true);
    expect(readFileSync(spec.logFile, 'utf8')).toContain(`starting ${SLEEP} 30`);
    expect(await stopRecordedProcess(spec.pidFile)).toBe(true);
    expect(isRecordedProcessAlive(started.record)).toBe(false);
    expect(readPidRecord(spec.pidFile)).toBeUndefined();
  });

  it('never signals a PID that now runs another program', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proc-'));
    const pidFile = join(dir, 'p.pid');
    // Our own PID runs node, not the recorded binary: it must be treated as gone, and left alone.
    writeFileSync(pidFile, JSON.stringify({ pid: process.pid, binary: '/opt/etcd', startedAt: 'x' }));
    expect(await stopRecordedProcess(pidFile)).toBe(false);
    expect(readPidRecord(pidFile)).toBeUndefined();
  });

  it('reports how a process ended when it exits early', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proc-'));
    const started = startProcess({ name: 'f', binary: '/bin/false', args: [], logFile: join(dir, 'l'), pidFile: join(dir, 'p') });
    expect(await started.exited).toBe('exit code 1');
  });
});

describe('ports', () => {
  it('names the component when its port is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await isPortFree(port)).toBe(false);
      await expect(assertPortFree('kube-apiserver', port)).rejects.toThrow(ClusterError);
      await expect(assertPortFree('kube-apiserver', port)).rejects.toThrow(
        new RegExp(`^kube-apiserver: port ${port} on 127.0.0.1 is already in use`),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isPortFree(port)).toBe(true);
  });
});
