import { describe, expect, it } from 'vitest';
import { KubeApiError } from '@grove/watch-sdk/writes';
import { bindWithRetry, classifyBindError, Limiter } from './bind.js';

const status = (code: number) => new KubeApiError('ERR_KUBE_API_STATUS', `${code}`, { status: code });
const connection = () => new KubeApiError('ERR_KUBE_API_CONNECTION', 'request failed');

function failing(...errors: Error[]) {
  let calls = 0;
  return {
    bind: async () => {
      const err = errors[calls++];
      if (err) throw err;
    },
    calls: () => calls,
  };
}

describe('classifyBindError', () => {
  it.each([
    [status(429), 'transient'],
    [status(500), 'transient'],
    [status(503), 'transient'],
    [connection(), 'transient'],
    [status(404), 'gone'],
    [status(409), 'conflict'],
    [status(403), 'permanent'],
    [status(422), 'permanent'],
    [new Error('boom'), 'permanent'],
  ])('%s → %s', (err, kind) => expect(classifyBindError(err)).toBe(kind));
});

describe('bindWithRetry', () => {
  const waits: number[] = [];
  const wait = async (ms: number) => void waits.push(ms);

  it('retries transient errors with doubling delays, then binds', async () => {
    waits.length = 0;
    const b = failing(status(503), connection(), status(429));
    expect(await bindWithRetry(b.bind, { wait })).toEqual({ kind: 'bound' });
    expect(b.calls()).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up after the attempts', async () => {
    const b = failing(status(500), status(500), status(500));
    expect(await bindWithRetry(b.bind, { wait, attempts: 3 })).toMatchObject({ kind: 'failed' });
    expect(b.calls()).toBe(3);
  });

  it.each([
    [status(404), 'gone'],
    [status(409), 'conflict'],
    [status(403), 'failed'],
  ])('does not retry %s (%s)', async (err, kind) => {
    const b = failing(err);
    expect(await bindWithRetry(b.bind, { wait })).toMatchObject({ kind });
    expect(b.calls()).toBe(1);
  });
});

describe('Limiter', () => {
  it('never runs more than max tasks at once', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    };
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
    expect(peak).toBe(3);
  });
});
