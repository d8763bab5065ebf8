import { ScriptedTransport, WatchError, type ListPage, type RawWatchEvent } from '@grove/watch-sdk/watch';
import { NEVER, Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { waitForDependencies, type GateDeps } from './gate.js';
import type { GatePod } from './readiness.js';

const silent = { info: () => undefined, debug: () => undefined, error: () => undefined };

function pod(name: string, ready: boolean): GatePod {
  return { metadata: { name }, status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } };
}

const page = (...items: GatePod[]): Observable<ListPage> => of({ items, resourceVersion: '10' });
const forbidden = (): Observable<ListPage> =>
  throwError(() => new WatchError('ERR_WATCH_HTTP', '403 from /api/v1/namespaces/ns/pods: pods is forbidden: no', { status: 403 }));

function deps(transport: ScriptedTransport, extra: Partial<GateDeps> = {}): GateDeps {
  return {
    transport,
    namespace: 'ns',
    podGang: 'svc-0',
    dependencies: [{ fqn: 'svc-0-a', minAvailable: 1 }],
    logger: silent,
    onProgress: () => undefined,
    signal: new AbortController().signal,
    backoff: { initialMs: 1, maxMs: 1 },
    ...extra,
  };
}

describe('waitForDependencies', () => {
  it('lists only the gang’s pods in its namespace and opens when a dependency pod turns Ready', async () => {
    const events: Observable<RawWatchEvent> = of({ type: 'MODIFIED', object: pod('svc-0-a-xxxxx', true) });
    const transport = new ScriptedTransport([page(pod('svc-0-a-xxxxx', false))], [events]);
    const progress: number[] = [];
    const outcome = await waitForDependencies(deps(transport, { onProgress: (c) => progress.push(c[0]?.ready ?? -1) }));
    expect(outcome).toEqual({ kind: 'open', counts: [{ fqn: 'svc-0-a', minAvailable: 1, ready: 1 }] });
    expect(progress).toEqual([1]);
    expect(transport.lists[0]).toMatchObject({ path: '/api/v1/namespaces/ns/pods', labelSelector: 'grove.io/podgang=svc-0' });
  });

  it('retries a failing API server and opens once it answers', async () => {
    const down = throwError(() => new WatchError('ERR_WATCH_CONNECTION', 'refused'));
    const transport = new ScriptedTransport([down, down, down, down, page(pod('svc-0-a-xxxxx', true))]);
    expect((await waitForDependencies(deps(transport))).kind).toBe('open');
  });

  it('gives up with the server’s message after repeated 403s', async () => {
    const transport = new ScriptedTransport([forbidden(), forbidden(), forbidden(), forbidden()]);
    const outcome = await waitForDependencies(deps(transport));
    expect(outcome).toMatchObject({ kind: 'forbidden', message: 'needs get/list/watch on pods in namespace ns: pods is forbidden: no' });
    expect(transport.lists).toHaveLength(3);
  });

  it('ends with timeout when the timeout passes first', async () => {
    const transport = new ScriptedTransport([page()], [NEVER]);
    expect((await waitForDependencies(deps(transport, { timeoutMs: 20 }))).kind).toBe('timeout');
  });

  it('ends with aborted when its signal is aborted', async () => {
    const abort = new AbortController();
    const waiting = waitForDependencies(deps(new ScriptedTransport(), { signal: abort.signal }));
    abort.abort();
    expect((await waiting).kind).toBe('aborted');
  });
});
