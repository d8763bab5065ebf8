import { describe, expect, it } from 'vitest';
import { addFinalizerPatch, controllerOf, controllerReference, hasFinalizer, isControlledBy, removeFinalizerPatch } from './ownership.js';

const owner = { apiVersion: 'grove.io/v1alpha1', kind: 'PodCliqueSet', metadata: { name: 'inf', uid: 'u-1' } };

describe('owner references', () => {
  it('builds a controller reference that blocks owner deletion', () => {
    expect(controllerReference(owner)).toEqual({ ...owner.metadata, apiVersion: owner.apiVersion, kind: owner.kind, controller: true, blockOwnerDeletion: true });
  });

  it('refuses an owner without a uid (it was never read from the server)', () => {
    expect(() => controllerReference({ ...owner, metadata: { name: 'inf' } })).toThrow(/uid/);
  });

  it('recognises control by UID only, never by name', () => {
    const child = { metadata: { ownerReferences: [{ ...controllerReference(owner) }] } };
    expect(isControlledBy(child, owner)).toBe(true);
    expect(isControlledBy(child, { ...owner, metadata: { name: 'inf', uid: 'u-2' } })).toBe(false);
    const notController = { metadata: { ownerReferences: [{ uid: 'u-1', kind: 'PodCliqueSet', name: 'inf' }] } };
    expect(isControlledBy(notController, owner)).toBe(false);
    expect(controllerOf(notController)).toBeUndefined();
  });
});

describe('finalizer patches', () => {
  it('adds to a missing list, appends to an existing one, and does nothing when present', () => {
    expect(addFinalizerPatch({ metadata: {} }, 'a/b')).toEqual([{ op: 'add', path: '/metadata/finalizers', value: ['a/b'] }]);
    expect(addFinalizerPatch({ metadata: { finalizers: ['x'] } }, 'a/b')).toEqual([{ op: 'add', path: '/metadata/finalizers/-', value: 'a/b' }]);
    expect(addFinalizerPatch({ metadata: { finalizers: ['a/b'] } }, 'a/b')).toEqual([]);
  });

  it('removes only its own entry, guarded by a test of that index', () => {
    const object = { metadata: { finalizers: ['other', 'a/b'] } };
    expect(hasFinalizer(object, 'a/b')).toBe(true);
    expect(removeFinalizerPatch(object, 'a/b')).toEqual([
      { op: 'test', path: '/metadata/finalizers/1', value: 'a/b' },
      { op: 'remove', path: '/metadata/finalizers/1' },
    ]);
    expect(removeFinalizerPatch({ metadata: { finalizers: ['other'] } }, 'a/b')).toEqual([]);
  });
});
