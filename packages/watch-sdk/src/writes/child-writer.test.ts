import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiError } from '../http/kube-request.js';
import type { WatchResource } from '../watch/resource.js';
import type { KubeObject } from '../watch/types.js';
import { ChildWriter } from './child-writer.js';
import type { ObjectWriter } from './object-writer.js';

const PODCLIQUES: WatchResource = { group: 'grove.io', version: 'v1alpha1', plural: 'podcliques', namespaced: true };
const parent = { apiVersion: 'grove.io/v1alpha1', kind: 'PodCliqueSet', metadata: { name: 'inf', uid: 'pcs-uid' } };

/** Records the calls a ChildWriter makes; `create` can be told to find the object already there. */
function recordingWriter(options: { alreadyExists?: boolean } = {}) {
  const calls: { verb: string; object?: KubeObject; key?: unknown; uid?: string | undefined }[] = [];
  const writer = {
    create: async (_r: WatchResource, object: KubeObject) => {
      calls.push({ verb: 'create', object });
      if (options.alreadyExists) throw new KubeApiError('ERR_KUBE_API_STATUS', '409 exists', { status: 409, reason: 'AlreadyExists' });
      return object;
    },
    replace: async (_r: WatchResource, object: KubeObject) => {
      calls.push({ verb: 'replace', object });
      return object;
    },
    delete: async (_r: WatchResource, key: unknown, opts: { uid?: string }) => {
      calls.push({ verb: 'delete', key, uid: opts.uid });
      return true;
    },
  };
  return { children: new ChildWriter(writer as unknown as ObjectWriter), calls };
}

type Child = KubeObject & { spec: Record<string, unknown> };
const desired: Child = { apiVersion: 'grove.io/v1alpha1', kind: 'PodClique', metadata: { name: 'inf-0-a', namespace: 'ns', labels: { x: '1' } }, spec: { roleName: 'a' } };

describe('ChildWriter', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider());
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('creates a missing child with the controller reference, its finalizers, create-only fields and the trace context', async () => {
    const { children, calls } = recordingWriter();
    const result = await trace.getTracer('t').startActiveSpan('reconcile', async (span) => {
      const r = await children.ensure(PODCLIQUES, parent, desired, undefined, { createOnly: { spec: { roleName: 'a', replicas: 3 } } as never, finalizers: ['grove.io/podclique.grove.io'] });
      span.end();
      return r;
    });
    expect(result).toBe('created');
    const created = calls[0]?.object as KubeObject & { spec: unknown; metadata: { annotations?: Record<string, string> } };
    expect(created.metadata.ownerReferences).toEqual([{ apiVersion: 'grove.io/v1alpha1', kind: 'PodCliqueSet', name: 'inf', uid: 'pcs-uid', controller: true, blockOwnerDeletion: true }]);
    expect(created.metadata.finalizers).toEqual(['grove.io/podclique.grove.io']);
    expect(created.spec).toEqual({ roleName: 'a', replicas: 3 });
    expect(created.metadata.annotations?.['grove.io/traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  /** What the API server holds after `created` was written: server fields added. */
  function stored(created: KubeObject): Child {
    const c = created as Child;
    return { ...c, metadata: { ...c.metadata, uid: 'child-uid', resourceVersion: '7', labels: { ...c.metadata?.labels, added: 'by-someone' } }, spec: { ...c.spec } };
  }

  it('writes nothing while the wanted state is unchanged and present', async () => {
    const first = recordingWriter();
    await first.children.ensure(PODCLIQUES, parent, desired, undefined);
    const live = stored(first.calls[0]?.object ?? {});
    const { children, calls } = recordingWriter();
    expect(await children.ensure(PODCLIQUES, parent, desired, live)).toBe('unchanged');
    expect(calls).toEqual([]);
  });

  it('replaces a child whose wanted state changed: dropped fields and labels go, preserved fields stay', async () => {
    const first = recordingWriter();
    const withExtra: Child = { ...desired, spec: { roleName: 'a', topologyConstraint: { pack: { required: 'rack' } } } };
    await first.children.ensure(PODCLIQUES, parent, withExtra, undefined, { createOnly: { spec: { ...withExtra.spec, replicas: 2 } } as never });
    const live: Child = { ...stored(first.calls[0]?.object ?? {}), spec: { roleName: 'a', topologyConstraint: { pack: { required: 'rack' } }, replicas: 5 } };
    const { children, calls } = recordingWriter();
    const preserve = (current: KubeObject) => ({ spec: { replicas: (current as typeof live).spec.replicas } }) as never;
    expect(await children.ensure(PODCLIQUES, parent, desired, live, { preserve })).toBe('configured');
    const written = calls[0]?.object as typeof live;
    expect(calls.map((c) => c.verb)).toEqual(['replace']);
    expect(written.spec).toEqual({ roleName: 'a', replicas: 5 });
    expect(written.metadata?.labels).toEqual({ x: '1' });
    expect(written.metadata?.resourceVersion).toBe('7');
  });

  it('replaces a child someone else changed, and leaves a child the cache missed to its next event', async () => {
    const first = recordingWriter();
    await first.children.ensure(PODCLIQUES, parent, desired, undefined);
    const tampered: Child = { ...stored(first.calls[0]?.object ?? {}), spec: { roleName: 'changed' } };
    const drifted = recordingWriter();
    expect(await drifted.children.ensure(PODCLIQUES, parent, desired, tampered)).toBe('configured');
    expect((drifted.calls[0]?.object as typeof tampered).spec).toEqual({ roleName: 'a' });
    const stale = recordingWriter({ alreadyExists: true });
    expect(await stale.children.ensure(PODCLIQUES, parent, desired, undefined)).toBe('unchanged');
    expect(stale.calls.map((c) => c.verb)).toEqual(['create']);
  });

  it('deletes only a child the parent controls, with its UID as precondition', async () => {
    const { children, calls } = recordingWriter();
    const mine = { metadata: { name: 'inf-0-a', namespace: 'ns', uid: 'child-1', ownerReferences: [{ uid: 'pcs-uid', kind: 'PodCliqueSet', name: 'inf', controller: true }] } };
    const foreign = { metadata: { name: 'other', namespace: 'ns', uid: 'child-2', ownerReferences: [{ uid: 'someone-else', kind: 'PodCliqueSet', name: 'inf', controller: true }] } };
    const unowned = { metadata: { name: 'loose', namespace: 'ns', uid: 'child-3' } };
    expect(await children.remove(PODCLIQUES, parent, mine)).toBe(true);
    expect(await children.remove(PODCLIQUES, parent, foreign)).toBe(false);
    expect(await children.remove(PODCLIQUES, parent, unowned)).toBe(false);
    expect(calls).toEqual([{ verb: 'delete', key: { name: 'inf-0-a', namespace: 'ns' }, uid: 'child-1' }]);
  });
});
