/** {@link LeaseClient} over client-node's `CoordinationV1Api`. */
import { CoordinationV1Api, V1MicroTime, type KubeConfig, type V1Lease, type V1LeaseSpec } from '@kubernetes/client-node';
import type { LeaseClient, LeaseRecord, StoredLease } from './lease-client.js';

function isNotFound(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 404;
}

// The API server wants MicroTime with exactly six fractional digits; a plain Date serialises three.
function toSpec(record: LeaseRecord): V1LeaseSpec {
  return {
    ...(record.holderIdentity !== undefined && { holderIdentity: record.holderIdentity }),
    ...(record.leaseDurationSeconds !== undefined && { leaseDurationSeconds: record.leaseDurationSeconds }),
    ...(record.acquireTime && { acquireTime: new V1MicroTime(record.acquireTime) }),
    ...(record.renewTime && { renewTime: new V1MicroTime(record.renewTime) }),
    ...(record.leaseTransitions !== undefined && { leaseTransitions: record.leaseTransitions }),
  };
}

function fromLease(lease: V1Lease): StoredLease {
  const spec = lease.spec ?? {};
  const record: LeaseRecord = {
    ...(spec.holderIdentity !== undefined && { holderIdentity: spec.holderIdentity }),
    ...(spec.leaseDurationSeconds !== undefined && { leaseDurationSeconds: spec.leaseDurationSeconds }),
    ...(spec.acquireTime && { acquireTime: new Date(spec.acquireTime) }),
    ...(spec.renewTime && { renewTime: new Date(spec.renewTime) }),
    ...(spec.leaseTransitions !== undefined && { leaseTransitions: spec.leaseTransitions }),
  };
  return { record, resourceVersion: lease.metadata?.resourceVersion ?? '' };
}

export function kubeLeaseClient(kubeConfig: KubeConfig, namespace: string, name: string): LeaseClient {
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  return {
    async get() {
      try {
        return fromLease(await api.readNamespacedLease({ namespace, name }));
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async create(record) {
      await api.createNamespacedLease({ namespace, body: { metadata: { name, namespace }, spec: toSpec(record) } });
    },
    async update(record, resourceVersion) {
      const body: V1Lease = { metadata: { name, namespace, resourceVersion }, spec: toSpec(record) };
      await api.replaceNamespacedLease({ namespace, name, body });
    },
  };
}
