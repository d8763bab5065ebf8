export { InformerCache, type InformerCacheDeps, type InformerOptions } from './informer-cache.js';
export { defaultTransform, SharedInformer, stripManagedFields, type InformerEvent, type SharedInformerOptions, type Transform } from './shared-informer.js';
export { Store, type ReplaceDelta } from './store.js';
export { byLabel, byNamespace, byOwnerUid, labelIndexName, NAMESPACE_INDEX, OWNER_UID_INDEX, type IndexFunc } from './indexers.js';
export { Compactor } from './compactor.js';
