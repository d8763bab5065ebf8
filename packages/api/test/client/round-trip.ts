/**
 * The round trip every generated kind goes through against the real API server: create, get,
 * server-side apply, status patch (merge and apply), list by label, scale where the kind has it,
 * delete. One function so the five kinds are tested alike; the test files supply the objects.
 */
import { expect } from 'vitest';
import {
  type ApplyConfiguration,
  type DeepPartial,
  type GroveClient,
  isNotFound,
  type NewObject,
  type ObjectKey,
  type ObjectOf,
  type Scalable,
  type StatusOf,
  type WithStatus,
} from '../../src/client/index.js';

export const FIELD_MANAGER = 'grove-api-integration-test';

export interface RoundTripCase<G extends WithStatus> {
  readonly gvk: G;
  readonly key: ObjectKey<G>;
  readonly object: NewObject<G>;
  /** A server-side apply that owns one label and one spec field. */
  readonly apply: ApplyConfiguration<G>;
  /** Checks the applied spec field on the returned object. */
  readonly applied: (obj: ObjectOf<G>) => void;
  /** A merge patch of status, and what must then be in it. */
  readonly status: DeepPartial<StatusOf<G>>;
  readonly statusCheck: (obj: ObjectOf<G>) => void;
  /** Runs after the list step, before the delete (the scale step of scalable kinds). */
  readonly beforeDelete?: () => Promise<void>;
}

const APPLIED_LABEL = 'grove.io/integration-applied';

type Meta = { metadata: { uid?: string; name?: string; labels?: Record<string, string>; creationTimestamp?: Date; managedFields?: { manager?: string; operation?: string }[] } };

const meta = (obj: unknown): Meta['metadata'] => (obj as Meta).metadata;

/** Runs the full round trip; `isKind` is the generated guard. */
export async function roundTrip<G extends WithStatus>(client: GroveClient, c: RoundTripCase<G>, isKind: (x: unknown) => boolean): Promise<void> {
  const created = await client.create(c.gvk, c.object, { fieldManager: FIELD_MANAGER });
  const uid = meta(created).uid;
  expect(uid).toBeTruthy();
  expect(meta(created).creationTimestamp).toBeInstanceOf(Date);

  const got = await client.get(c.gvk, c.key);
  expect(meta(got).uid).toBe(uid);
  expect(isKind(got)).toBe(true);

  const applied = await client.apply(c.gvk, c.apply, { fieldManager: FIELD_MANAGER, force: true });
  expect(meta(applied).labels?.[APPLIED_LABEL]).toBe('yes');
  expect(meta(applied).managedFields?.some((f) => f.manager === FIELD_MANAGER && f.operation === 'Apply')).toBe(true);
  c.applied(applied);

  await client.patchStatus(c.gvk, c.key, c.status, { strategy: 'merge' });
  c.statusCheck(await client.get(c.gvk, c.key));

  const labelled = await client.list(c.gvk, { ...namespaceOf(c.key), labelSelector: `${APPLIED_LABEL}=yes` });
  expect(labelled.items.map((o) => meta(o).name)).toContain(c.key.name);
  const none = await client.list(c.gvk, { ...namespaceOf(c.key), labelSelector: `${APPLIED_LABEL}=no` });
  expect(none.items).toEqual([]);

  await c.beforeDelete?.();

  await client.delete(c.gvk, c.key, { propagationPolicy: 'Background' });
  const gone = await client.get(c.gvk, c.key).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isNotFound(gone)).toBe(true);
}

/** Scales to 3 through the scale subresource and checks that `spec.replicas` followed. */
export async function scaleToThree<G extends Scalable>(
  client: GroveClient,
  gvk: G,
  key: ObjectKey<G>,
  replicasOf: (obj: ObjectOf<G>) => number | undefined,
): Promise<void> {
  const scale = await client.setScale(gvk, key, 3);
  expect(scale.spec?.replicas).toBe(3);
  expect(replicasOf(await client.get(gvk, key))).toBe(3);
  expect((await client.getScale(gvk, key)).spec?.replicas).toBe(3);
}

function namespaceOf(key: { namespace?: string }): { namespace?: string } {
  return key.namespace ? { namespace: key.namespace } : {};
}

export { APPLIED_LABEL };
