import { KubeConfig } from '@kubernetes/client-node';
import { Registry } from 'prom-client';
import { of, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@grove/telemetry';
import { toObjectKeys } from '../controller/handlers.js';
import { done, fail } from '../controller/result.js';
import { openRequest } from '../http/kube-request.js';
import type { ObjectKey } from '../keys.js';
import { ScriptedTransport } from '../watch/fake-transport.js';
import type { KubeObject, RawWatchEvent } from '../watch/types.js';
import { Manager } from './manager.js';

const PODS = { group: '', version: 'v1', plural: 'pods', namespaced: true };
const pod = (name: string, rv: string) => ({ metadata: { namespace: 'ns', name, resourceVersion: rv } });
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const watch = new Subject<RawWatchEvent>();
  const transport = new ScriptedTransport([of({ items: [pod('a', '1')], resourceVersion: '1' })], [watch]);
  const registry = new Registry();
  const logger = createLogger({ name: 'test', level: 'silent' });
  const manager = new Manager({ transport, logger, registry, stopDeadlineMs: 1000 });
  return { watch, registry, manager };
}

describe('Manager', () => {
  it('runs controllers on shared informers and exports controller-runtime metrics', async () => {
    const { watch, registry, manager } = setup();
    const seen: { controller: string; key: ObjectKey }[] = [];
    for (const name of ['first', 'second']) {
      manager.addController({
        name,
        watches: (informers) => [informers.informer<KubeObject>(PODS).events$().pipe(toObjectKeys())],
        reconcile: async (key) => (seen.push({ controller: name, key }), name === 'second' ? fail(new Error('x')) : done()),
        // Long enough that the failing controller's retries stay out of the counts below.
        backoff: { baseMs: 60_000 },
      });
    }
    expect(manager.hasSynced).toBe(false);
    expect(await manager.start()).toBe(true);
    watch.next({ type: 'ADDED', object: pod('b', '2') });
    await settle();

    expect(seen.filter((s) => s.controller === 'first').map((s) => s.key.name)).toEqual(['a', 'b']);
    const text = await registry.metrics();
    expect(text).toContain('controller_runtime_reconcile_total{controller="first",result="success"} 2');
    expect(text).toContain('controller_runtime_reconcile_total{controller="second",result="error"} 2');
    expect(text).toContain('controller_runtime_reconcile_errors_total{controller="second"} 2');
    expect(text).toContain('workqueue_adds_total{name="first",controller="first"} 2');
    expect(text).toContain('workqueue_depth{name="first",controller="first"} 0');
    expect(text).toContain('workqueue_unfinished_work_seconds{name="first",controller="first"} 0');
    expect(text).toContain('controller_runtime_max_concurrent_reconciles{controller="first"} 1');
    expect(text).toMatch(/controller_runtime_reconcile_time_seconds_count\{controller="first"\} 2/);
    expect(text).toContain('grove_watch_lists_total{resource="core/v1/pods|||"} 1');

    expect(await manager.stop()).toBe(true);
    expect(watch.observed).toBe(false);
  });

  it('counts the SDK\'s API requests on its registry while it runs', async () => {
    const { registry, manager } = setup();
    // The request is counted before it is sent; without a cluster in the kubeconfig it then fails.
    const send = (method: 'GET' | 'PATCH', path: string) => openRequest(new KubeConfig(), { method, path }).catch(() => undefined);
    await send('GET', '/api/v1/namespaces/ns/pods/before-start');
    expect(await manager.start()).toBe(true);
    await send('PATCH', '/apis/grove.io/v1alpha1/namespaces/ns/podcliques/a/status');
    await send('PATCH', '/apis/grove.io/v1alpha1/namespaces/ns/podcliques/b/status');
    await manager.stop();
    await send('PATCH', '/apis/grove.io/v1alpha1/namespaces/ns/podcliques/after-stop/status');
    const text = await registry.metrics();
    expect(text).toContain('grove_kube_api_requests_total{verb="patch",resource="podcliques.grove.io/status"} 2');
    expect(text).not.toContain('verb="get"');
  });

  it('refuses controllers added after start and duplicate names', async () => {
    const { manager } = setup();
    const spec = { name: 'c', watches: () => [], reconcile: async () => done() };
    manager.addController(spec);
    expect(() => manager.addController(spec)).toThrow(/duplicate controller name c/);
    // Without informers there is nothing to wait for.
    expect(await manager.start()).toBe(true);
    expect(() => manager.addController({ ...spec, name: 'd' })).toThrow(/after the manager started/);
    await manager.stop();
  });
});
