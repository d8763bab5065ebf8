import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { httpProbe, waitHealthy, type ProbeResult } from './health.js';

const healthyAfter = (n: number) => {
  let calls = 0;
  return async (): Promise<ProbeResult> => (++calls > n ? { ok: true, detail: 'ok' } : { ok: false, detail: `try ${calls}` });
};

describe('waitHealthy', () => {
  it('returns healthy once the probe succeeds', async () => {
    const outcome = await waitHealthy(healthyAfter(2), { timeoutMs: 5_000, intervalMs: 1 });
    expect(outcome.kind).toBe('healthy');
  });

  it('stops at once when the component exits, instead of running out the clock', async () => {
    const started = Date.now();
    const outcome = await waitHealthy(healthyAfter(1_000_000), {
      timeoutMs: 60_000,
      intervalMs: 5,
      exited: Promise.resolve('exit code 1'),
    });
    expect(outcome).toEqual({ kind: 'exited', how: 'exit code 1' });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('times out with the last probe detail', async () => {
    let fakeNow = 0;
    const outcome = await waitHealthy(
      async () => {
        fakeNow += 1_000;
        return { ok: false, detail: 'connection refused' };
      },
      { timeoutMs: 10_000, intervalMs: 0, now: () => fakeNow },
    );
    expect(outcome).toEqual({ kind: 'timeout', lastDetail: 'connection refused' });
  });
});

describe('httpProbe', () => {
  it('is ok for 200, not ok for other statuses and for a closed port', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? 200 : 503;
      res.end(req.url === '/healthz' ? 'ok' : 'not ready');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect((await httpProbe(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
      const notReady = await httpProbe(`http://127.0.0.1:${port}/readyz`);
      expect(notReady).toEqual({ ok: false, detail: 'HTTP 503: not ready' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect((await httpProbe(`http://127.0.0.1:${port}/healthz`)).ok).toBe(false);
  });
});
