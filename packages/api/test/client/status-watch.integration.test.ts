/** Status written by server-side apply, typed watch events, and the typed errors of the client. */
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createGroveClient, type WatchEvent } from '../../src/client/index.js';
import { PodGangGVK, type PodGang } from '../../src/generated/index.js';
import { installGroveCrds } from '../../src/install-crds.js';
import { CONDITION_REASON, CONDITION_TYPE } from '../../src/labels.js';
import { FIELD_MANAGER } from './round-trip.js';

const kc = adminKubeConfig();
const client = createGroveClient(kc);

beforeAll(() => installGroveCrds(kc), 120_000);

const gang = (namespace: string, name: string) => ({
  metadata: { namespace, name },
  spec: { podgroups: [{ name: `${name}-prefill`, podReferences: [], minReplicas: 1 }] },
});

describe('typed client', () => {
  const ns = useTestNamespace(() => kc, 'api-client-status');

  it('applies a status condition and reads its timestamp back as a Date', async () => {
    const key = { namespace: ns(), name: 'g' };
    await client.create(PodGangGVK, gang(key.namespace, key.name));
    const at = new Date('2026-01-02T03:04:05Z');
    const condition = {
      type: CONDITION_TYPE.podGangInitialized,
      status: 'False',
      reason: CONDITION_REASON.podGangInitialized.podsCreationPending,
      message: 'waiting for pods',
      lastTransitionTime: at,
    };
    await client.patchStatus(PodGangGVK, key, { phase: 'Pending', conditions: [condition] }, { strategy: 'apply', fieldManager: FIELD_MANAGER });
    const stored = await client.get(PodGangGVK, key);
    expect(stored.status?.phase).toBe('Pending');
    expect(stored.status?.conditions?.[0]?.lastTransitionTime).toEqual(at);
    expect(stored.status?.conditions?.[0]?.lastTransitionTime).toBeInstanceOf(Date);
  });

  it('delivers typed, decoded watch events and stops cleanly', async () => {
    const events: WatchEvent<PodGang>[] = [];
    const handle = await client.watch(PodGangGVK, { namespace: ns() }, (e) => events.push(e));
    try {
      await client.create(PodGangGVK, gang(ns(), 'watched'));
      await eventually(() => expect(events.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'watched')).toBe(true));
      const added = events.find((e) => e.type === 'ADDED');
      expect(added?.type === 'ADDED' && added.object.metadata.creationTimestamp).toBeInstanceOf(Date);
    } finally {
      handle.stop();
    }
    expect(await handle.done).toBeUndefined();
  });

  it('reports an existing object as AlreadyExists, naming the operation', async () => {
    await client.create(PodGangGVK, gang(ns(), 'twice'));
    const err = await client.create(PodGangGVK, gang(ns(), 'twice')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 409, reason: 'AlreadyExists' });
    expect((err as ApiError).message).toMatch(new RegExp(`^create scheduler.grove.io/v1alpha1 PodGang ${ns()}/twice: `));
  });

  it('reports a schema violation as Invalid with field causes', async () => {
    const bad = { metadata: { namespace: ns(), name: 'bad' }, spec: { podgroups: [{ name: 'x', podReferences: [], minReplicas: 'one' }] } };
    const err = await client.create(PodGangGVK, bad as unknown as ReturnType<typeof gang>).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 422, reason: 'Invalid' });
    expect((err as ApiError).causes.map((c) => c.field)).toContain('spec.podgroups[0].minReplicas');
  });

  it('refuses a namespace for a cluster-scoped kind before sending anything', async () => {
    const { ClusterTopologyBindingGVK } = await import('../../src/generated/index.js');
    await expect(client.list(ClusterTopologyBindingGVK, { namespace: 'x' })).rejects.toThrow(/ClusterTopologyBinding is cluster-scoped: it takes no namespace/);
  });
});
