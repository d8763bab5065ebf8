/**
 * What the reconcilers read: one shared informer per kind, with the indexes that answer "the
 * children of this PodCliqueSet / PodClique" without scanning. Built-in kinds are watched only
 * when labelled `app.kubernetes.io/managed-by=grove-operator` (as Grove's manager caches them), so
 * the cache holds Grove's objects and nothing else.
 */
import type { V1Pod, V1Role, V1RoleBinding, V1Secret, V1Service, V1ServiceAccount } from '@kubernetes/client-node';
import {
  ClusterTopologyBindingGVK,
  LABEL,
  MANAGED_BY_VALUE,
  PodCliqueGVK,
  PodCliqueScalingGroupGVK,
  PodCliqueSetGVK,
  PodGangGVK,
  type ClusterTopologyBinding,
  type PodClique,
  type PodCliqueScalingGroup,
  type PodCliqueSet,
  type PodGang,
} from '@grove/api';
import { byOwnerUid, OWNER_UID_INDEX, type IndexFunc, type InformerCache, type SharedInformer } from '@grove/watch-sdk/informer';
import { BUILTIN, type KubeObject, type WatchResource } from '@grove/watch-sdk/watch';

/** Index of objects by `<namespace>/<app.kubernetes.io/part-of>`: everything of one PodCliqueSet. */
export const PART_OF_INDEX = 'partOf';
/** Index of PodCliques by `<namespace>/<grove.io/base-podgang>`: the scaled-gang cliques waiting on a base gang. */
export const BASE_GANG_INDEX = 'baseGang';

function namespacedLabel(key: string) {
  return (object: KubeObject): readonly string[] => {
    const value = object.metadata?.labels?.[key];
    return value === undefined ? [] : [`${object.metadata?.namespace ?? ''}/${value}`];
  };
}

const MANAGED = `${LABEL.managedBy}=${MANAGED_BY_VALUE}`;
const byPartOf = namespacedLabel(LABEL.partOf);

/**
 * The informers, created on first use: a deployable watches only the kinds its controllers read
 * (the scalinggroup-controller never caches pods). Must be touched before the manager starts.
 */
export class World {
  private readonly made = new Map<string, unknown>();

  /** `namespace`: watch only this namespace (tests, or one tenant); all namespaces otherwise. */
  constructor(
    private readonly informers: InformerCache,
    private readonly namespace?: string,
  ) {}

  private get scope(): { namespace?: string } {
    return this.namespace === undefined ? {} : { namespace: this.namespace };
  }

  get podCliqueSets(): SharedInformer<PodCliqueSet> {
    return this.once('pcs', () => this.informers.informer<PodCliqueSet>(PodCliqueSetGVK, this.scope));
  }
  get podCliques(): SharedInformer<PodClique> {
    return this.owned<PodClique>('pclq', PodCliqueGVK, { [BASE_GANG_INDEX]: namespacedLabel(LABEL.basePodGang), [OWNER_UID_INDEX]: byOwnerUid });
  }
  get scalingGroups(): SharedInformer<PodCliqueScalingGroup> {
    return this.owned<PodCliqueScalingGroup>('pcsg', PodCliqueScalingGroupGVK);
  }
  get podGangs(): SharedInformer<PodGang> {
    return this.owned<PodGang>('pg', PodGangGVK);
  }
  get pods(): SharedInformer<V1Pod> {
    return this.owned<V1Pod>('pods', BUILTIN.pods, { [OWNER_UID_INDEX]: byOwnerUid });
  }
  get services(): SharedInformer<V1Service> {
    return this.owned<V1Service>('svc', BUILTIN.services);
  }
  get serviceAccounts(): SharedInformer<V1ServiceAccount> {
    return this.owned<V1ServiceAccount>('sa', BUILTIN.serviceAccounts);
  }
  get secrets(): SharedInformer<V1Secret> {
    return this.owned<V1Secret>('secrets', BUILTIN.secrets);
  }
  get roles(): SharedInformer<V1Role> {
    return this.owned<V1Role>('roles', BUILTIN.roles);
  }
  get roleBindings(): SharedInformer<V1RoleBinding> {
    return this.owned<V1RoleBinding>('rolebindings', BUILTIN.roleBindings);
  }
  get topologies(): SharedInformer<ClusterTopologyBinding> {
    return this.once('ct', () => this.informers.informer<ClusterTopologyBinding>(ClusterTopologyBindingGVK));
  }

  private once<T>(name: string, make: () => T): T {
    if (!this.made.has(name)) this.made.set(name, make());
    return this.made.get(name) as T;
  }

  /** Grove's children only (managed-by label), indexed by PodCliqueSet. */
  private owned<T extends KubeObject>(name: string, resource: WatchResource, extra: Record<string, IndexFunc<T>> = {}): SharedInformer<T> {
    return this.once(name, () => this.informers.informer<T>(resource, { ...this.scope, labelSelector: MANAGED, indexers: { [PART_OF_INDEX]: byPartOf, ...extra } }));
  }
}

export function watchWorld(informers: InformerCache, namespace?: string): World {
  return new World(informers, namespace);
}

/** Every cached object of one PodCliqueSet (by its `part-of` label). */
export function partOf<T extends KubeObject>(informer: SharedInformer<T>, namespace: string, pcsName: string): T[] {
  return informer.store.byIndex(PART_OF_INDEX, `${namespace}/${pcsName}`);
}

/** The cached object `namespace/name`. */
export function cached<T extends KubeObject>(informer: SharedInformer<T>, namespace: string | undefined, name: string): T | undefined {
  return informer.store.get(namespace === undefined ? name : `${namespace}/${name}`);
}
