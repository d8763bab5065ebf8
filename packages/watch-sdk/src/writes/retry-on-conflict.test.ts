import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../http/kube-request.js';
import { retryOnConflict } from './retry-on-conflict.js';

const conflict = () => new KubeApiError('ERR_KUBE_API_STATUS', 'conflict', { status: 409, reason: 'Conflict' });
const noWait = { wait: () => Promise.resolve() };

describe('retryOnConflict', () => {
  it('runs the read-modify-write again after a conflict', async () => {
    let tries = 0;
    const result = await retryOnConflict(async () => {
      if (++tries < 3) throw conflict();
      return 'written';
    }, noWait);
    expect(result).toBe('written');
    expect(tries).toBe(3);
  });

  it('gives up after the last step with the conflict', async () => {
    let tries = 0;
    const failing = retryOnConflict(async () => {
      tries++;
      throw conflict();
    }, { ...noWait, steps: 4 });
    await expect(failing).rejects.toMatchObject({ status: 409 });
    expect(tries).toBe(4);
  });

  it('does not retry other errors', async () => {
    let tries = 0;
    const forbidden = new KubeApiError('ERR_KUBE_API_STATUS', 'forbidden', { status: 403 });
    await expect(retryOnConflict(async () => (tries++, Promise.reject(forbidden)), noWait)).rejects.toBe(forbidden);
    expect(tries).toBe(1);
  });
});
