/**
 * How the SDK addresses a kind: group, version, plural and scope. The generated descriptors of
 * `@grove/api` (`PodCliqueSetGVK`, …) satisfy this interface, and so does a literal for a built-in
 * kind (`{ group: '', version: 'v1', plural: 'pods', namespaced: true }`).
 */
export interface WatchResource {
  /** `''` for the core group (`/api/v1`). */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Which objects of a kind to list and watch. */
export interface Selection {
  /** Namespaced kinds only; omitted means every namespace. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** `/api/v1/pods`, `/apis/grove.io/v1alpha1/namespaces/ns/podcliquesets`, … */
export function collectionPath(resource: WatchResource, namespace?: string): string {
  const base = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  const scoped = resource.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scoped}/${resource.plural}`;
}

/** A stable name for a kind and selection: one shared informer exists per name. */
export function selectionId(resource: WatchResource, selection: Selection = {}): string {
  const gvr = `${resource.group || 'core'}/${resource.version}/${resource.plural}`;
  return [gvr, selection.namespace ?? '', selection.labelSelector ?? '', selection.fieldSelector ?? ''].join('|');
}
