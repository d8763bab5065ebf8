/**
 * Where a PodClique sits in its PodCliqueSet, read back from its labels and name: which PCS
 * replica, which clique of the template, and whether it stands alone or belongs to a scaling-group
 * replica. The reverse of the naming scheme of grove-spec §2.1.
 */
import { headlessServiceName, LABEL, type PodClique } from '@grove/api';

export type PodCliquePlacement =
  | { readonly kind: 'standalone' }
  | { readonly kind: 'member'; readonly group: string; readonly groupReplica: number };

export interface PodCliqueIdentity {
  readonly pcs: string;
  readonly pcsReplica: number;
  /** The clique's name in the PodCliqueSet template. */
  readonly clique: string;
  readonly placement: PodCliquePlacement;
}

function indexLabel(pclq: PodClique, key: string): number | undefined {
  const raw = pclq.metadata.labels?.[key];
  return raw !== undefined && /^(0|[1-9]\d*)$/.test(raw) ? Number(raw) : undefined;
}

/** Undefined when the labels do not match the name (not a PodClique Grove generated). */
export function podCliqueIdentity(pclq: PodClique): PodCliqueIdentity | undefined {
  const name = pclq.metadata.name ?? '';
  const pcs = pclq.metadata.labels?.[LABEL.partOf];
  const pcsReplica = indexLabel(pclq, LABEL.podCliqueSetReplicaIndex);
  if (pcs === undefined || pcsReplica === undefined) return undefined;
  const replicaPrefix = `${headlessServiceName({ pcs, replicaIndex: pcsReplica })}-`;
  const pcsg = pclq.metadata.labels?.[LABEL.podCliqueScalingGroup];
  if (pcsg === undefined) {
    return name.startsWith(replicaPrefix) && name.length > replicaPrefix.length
      ? { pcs, pcsReplica, clique: name.slice(replicaPrefix.length), placement: { kind: 'standalone' } }
      : undefined;
  }
  const groupReplica = indexLabel(pclq, LABEL.podCliqueScalingGroupReplicaIndex);
  const memberPrefix = `${pcsg}-${groupReplica}-`;
  if (groupReplica === undefined || !pcsg.startsWith(replicaPrefix) || !name.startsWith(memberPrefix) || name.length === memberPrefix.length) return undefined;
  return { pcs, pcsReplica, clique: name.slice(memberPrefix.length), placement: { kind: 'member', group: pcsg.slice(replicaPrefix.length), groupReplica } };
}
