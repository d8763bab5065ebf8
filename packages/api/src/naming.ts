/**
 * Every name Grove generates (grove-spec §2.1), and the only place they are composed. Controllers
 * derive names instead of storing them, so the same inputs must always give the same name: that
 * is what makes reconciles idempotent and lets a restarted controller find its children.
 */

/** A PodCliqueSet replica: the PCS name and the replica's index. */
export interface PcsReplica {
  readonly pcs: string;
  readonly replicaIndex: number;
}

/** A PodCliqueScalingGroup replica: the PCSG's full name (`<pcs>-<pcsIdx>-<group>`) and the index. */
export interface PcsgReplica {
  readonly pcsg: string;
  readonly replicaIndex: number;
}

function index(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

/** Headless Service of a PCS replica: `<pcs>-<pcsIdx>`. It is also the pods' `spec.subdomain`. */
export function headlessServiceName(r: PcsReplica): string {
  return `${r.pcs}-${index(r.replicaIndex, 'PodCliqueSet replica index')}`;
}

/** `GROVE_HEADLESS_SERVICE`: `<pcs>-<pcsIdx>.<namespace>.svc.cluster.local`. */
export function headlessServiceAddress(r: PcsReplica, namespace: string): string {
  return `${headlessServiceName(r)}.${namespace}.svc.cluster.local`;
}

/** A standalone PodClique: `<pcs>-<pcsIdx>-<clique>`. */
export function podCliqueName(r: PcsReplica, clique: string): string {
  return `${headlessServiceName(r)}-${clique}`;
}

/** A PodCliqueScalingGroup: `<pcs>-<pcsIdx>-<group>`. */
export function podCliqueScalingGroupName(r: PcsReplica, group: string): string {
  return `${headlessServiceName(r)}-${group}`;
}

/** A PodClique of a PCSG replica: `<pcsgFQN>-<pcsgIdx>-<clique>`. */
export function scalingGroupPodCliqueName(r: PcsgReplica, clique: string): string {
  return `${r.pcsg}-${index(r.replicaIndex, 'PodCliqueScalingGroup replica index')}-${clique}`;
}

/** Pods get `generateName: <pclqFQN>-` (the API server appends five random characters). */
export function podGenerateName(podClique: string): string {
  return `${podClique}-`;
}

/** Pod `spec.hostname`: `<pclqFQN>-<podIndex>`. */
export function podHostname(podClique: string, podIndex: number): string {
  return `${podClique}-${index(podIndex, 'pod index')}`;
}

/** The pod index in a hostname (its last `-` segment), or undefined when it has none. */
export function podIndexFromHostname(hostname: string): number | undefined {
  const last = hostname.slice(hostname.lastIndexOf('-') + 1);
  return /^(0|[1-9]\d*)$/.test(last) ? Number(last) : undefined;
}

/** The base PodGang of a PCS replica: `<pcs>-<pcsIdx>`. */
export function basePodGangName(r: PcsReplica): string {
  return headlessServiceName(r);
}

/**
 * A scaled PodGang: `<pcsgFQN>-<k>` with k = pcsgReplicaIndex − minAvailable. Replicas below
 * minAvailable belong to the base gang and have no scaled gang, hence the error.
 */
export function scaledPodGangName(r: PcsgReplica, minAvailable: number): string {
  const k = index(r.replicaIndex, 'PodCliqueScalingGroup replica index') - index(minAvailable, 'minAvailable');
  if (k < 0) throw new RangeError(`PCSG replica ${r.replicaIndex} of ${r.pcsg} is below minAvailable ${minAvailable}: it is in the base PodGang`);
  return `${r.pcsg}-${k}`;
}

/** A PodGang TopologyConstraintGroupConfig for a PCSG replica: `<pcsgFQN>-<pcsgIdx>`. */
export function podGangGroupConfigName(r: PcsgReplica): string {
  return `${r.pcsg}-${index(r.replicaIndex, 'PodCliqueScalingGroup replica index')}`;
}

/** An HPA has its target's name (a PodClique or PodCliqueScalingGroup FQN). */
export function hpaName(target: string): string {
  return target;
}

/** The pods' ServiceAccount: `<pcs>`. */
export function serviceAccountName(pcs: string): string {
  return pcs;
}

/** The pods' Role: `grove.io:pcs:<pcs>`. */
export function roleName(pcs: string): string {
  return `grove.io:pcs:${pcs}`;
}

/** The pods' RoleBinding: same name as the Role. */
export function roleBindingName(pcs: string): string {
  return roleName(pcs);
}

/** The init container's ServiceAccount token Secret: `<pcs>-ic-sat`. */
export function initContainerTokenSecretName(pcs: string): string {
  return `${pcs}-ic-sat`;
}

/** Grove's earlier name for that Secret, deleted when found: `<pcs>-initc-sa-token-secret`. */
export function legacyInitContainerTokenSecretName(pcs: string): string {
  return `${pcs}-initc-sa-token-secret`;
}

/**
 * A ResourceClaim: `<owner>-all-<template>` shared by all replicas, or `<owner>-<idx>-<template>`
 * per replica (owner = PCS, PCSG FQN or PCLQ FQN; idx = PCS replica, PCSG replica or pod index).
 */
export function resourceClaimName(owner: string, template: string, replicaIndex?: number): string {
  const scope = replicaIndex === undefined ? 'all' : String(index(replicaIndex, 'replica index'));
  return `${owner}-${scope}-${template}`;
}

/** A ComputeDomain (and its MNNVL ResourceClaimTemplate): `<pcs>-<pcsIdx>-<group>`. */
export function computeDomainName(r: PcsReplica, group: string): string {
  return `${headlessServiceName(r)}-${group}`;
}

/**
 * The characters the user's names may use in a pod name. A pod's name and hostname add the
 * replica indices, dashes and a five-character suffix to these; Grove reserves 18 characters for
 * that so the result stays a 63-character DNS label.
 */
export const POD_NAME_BUDGET = 45;

export interface PodNameParts {
  readonly pcs: string;
  readonly clique: string;
  /** Set for a clique that belongs to a PodCliqueScalingGroup. */
  readonly scalingGroup?: string;
}

export type PodNameBudgetResult =
  | { readonly fits: true; readonly used: number }
  | { readonly fits: false; readonly used: number; readonly reason: string };

/**
 * Whether the PCS, (PCSG) and clique names fit the pod-name budget: len(pcs)+len(clique) ≤ 45 for
 * a standalone clique, len(pcs)+len(pcsg)+len(clique) ≤ 45 for a scaling-group member.
 */
export function podNameBudget(parts: PodNameParts): PodNameBudgetResult {
  const named: [string, string][] = [[`PodCliqueSet name "${parts.pcs}"`, parts.pcs]];
  if (parts.scalingGroup !== undefined) named.push([`scaling group name "${parts.scalingGroup}"`, parts.scalingGroup]);
  named.push([`clique name "${parts.clique}"`, parts.clique]);
  const used = named.reduce((sum, [, name]) => sum + name.length, 0);
  if (used <= POD_NAME_BUDGET) return { fits: true, used };
  const terms = named.map(([label, name]) => `${label} (${name.length})`).join(' + ');
  return {
    fits: false,
    used,
    reason: `${terms} = ${used} characters, more than the ${POD_NAME_BUDGET} that generated pod names allow`,
  };
}
