/**
 * The placement model: what the podgang-scheduler knows about nodes and what it asks to place. Every
 * value is plain data derived from Kubernetes objects by the scheduler, so the placement functions
 * stay pure and can be tested over in-memory node sets.
 */

/**
 * Resource amounts in integer base units: `cpu` in millicores, `memory` and `ephemeral-storage` in
 * bytes, `pods` and every extended resource (`nvidia.com/gpu`, …) in units. A missing key is zero.
 */
export type Resources = Readonly<Record<string, number>>;

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface Toleration {
  readonly key?: string;
  /** `Equal` when absent, as in Kubernetes. */
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  /** All effects when absent. */
  readonly effect?: TaintEffect;
}

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: readonly string[];
}

/** One term of `requiredDuringSchedulingIgnoredDuringExecution`; terms are ORed, requirements ANDed. */
export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
  /** Only `metadata.name` is a valid field, as in Kubernetes. */
  readonly matchFields?: readonly NodeSelectorRequirement[];
}

export interface NodeInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `status.allocatable`, including `pods` (the allocatable pod count). */
  readonly allocatable: Resources;
  readonly taints: readonly Taint[];
  /** `spec.unschedulable` (cordoned). */
  readonly unschedulable: boolean;
  /** The `Ready` condition is True. */
  readonly ready: boolean;
}

/** A pod to place. */
export interface PodRequest {
  /** `<namespace>/<name>`. */
  readonly key: string;
  /**
   * Effective request: per resource, max(sum over containers, max over init containers) plus
   * overhead. The pod slot itself is implied (every pod takes one of the node's `pods`).
   */
  readonly requests: Resources;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Required node affinity terms (ORed); absent or empty means no constraint. */
  readonly requiredNodeAffinity?: readonly NodeSelectorTerm[];
  readonly tolerations: readonly Toleration[];
  /**
   * Set when the pod asks for something placement does not honour (inter-pod affinity or
   * anti-affinity, topology spread constraints, volumes needing node binding, …): the pod is
   * unschedulable with this text as its reason rather than placed in silent violation.
   */
  readonly unsupported?: string;
}

/** Node label keys (already translated from ClusterTopologyBinding domains, grove-spec §8). */
export interface PackConstraint {
  /** Every pod concerned lands in one domain of this label key, or none is placed. */
  readonly required?: string;
  /** Best effort: as few domains of this label key as possible, ideally one. */
  readonly preferred?: string;
}

export interface PodGroupRequest {
  /** The PodGroup name (the PodClique FQN). */
  readonly name: string;
  readonly minReplicas: number;
  /** The group's pods that are ready to place (ungated, unbound, not terminating), in placement order. */
  readonly pending: readonly PodRequest[];
  /** Nodes of the group's pods that are already bound (one entry per pod); they count toward minReplicas. */
  readonly boundNodes: readonly string[];
  readonly pack?: PackConstraint;
}

/** A constraint over a strict subset of the gang's groups (`topologyConstraintGroupConfigs`). */
export interface TopologyGroupRequest {
  readonly name: string;
  readonly podGroupNames: readonly string[];
  readonly pack: PackConstraint;
}

export interface GangRequest {
  /** `<namespace>/<name>` of the PodGang. */
  readonly key: string;
  readonly groups: readonly PodGroupRequest[];
  /** Gang-wide constraint. */
  readonly pack?: PackConstraint;
  readonly topologyGroups: readonly TopologyGroupRequest[];
}

export interface Assignment {
  readonly podKey: string;
  readonly node: string;
}

export interface PlacementSuccess {
  readonly placed: true;
  /** Every pod of the minimum first, then the best-effort extras that also fit. */
  readonly assignments: readonly Assignment[];
  /** How many of `assignments` (from the start) make up the minimum. */
  readonly minimumCount: number;
  /**
   * In [0, 1]: how well the placement meets the preferred constraints and packing (1 when every
   * preferred constraint holds in a single domain, or there is none).
   *
   * Precisely: for each level (gang, topology group, podgroup) with a `pack.preferred` key and at
   * least one pod (bound or assigned), level score = 1 / (number of distinct domains of that key its
   * pods are on; a node without the label counts as a domain of its own); `score` is the mean of the
   * level scores, or 1 when no level has a preferred key. Packing inside domains is always
   * MostAllocated and does not lower the score.
   */
  readonly score: number;
}

export interface PlacementFailure {
  readonly placed: false;
  /** Machine-readable reason: `Unschedulable` (no room), `Unsupported` (a pod asks for something we do not honour). */
  readonly reason: 'Unschedulable' | 'Unsupported';
  /**
   * One human sentence saying why: which group or constraint, how much is missing, and what the
   * nodes lacked (e.g. "podgroup pcs-0-decode needs 4 pods of nvidia.com/gpu: 8 in one rack
   * (label example.com/rack): the best rack has room for 3; 2 nodes cordoned, 1 not Ready").
   */
  readonly message: string;
}

export type PlacementResult = PlacementSuccess | PlacementFailure;
