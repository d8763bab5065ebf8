export * from './model.js';
export { parseQuantity, resourcesOf, podRequests } from './quantity.js';
export type { ContainerResources, PodResourceSpec } from './quantity.js';
export { ClusterSnapshot } from './snapshot.js';
export type { PlacementOptions } from './options.js';
export { placeGang } from './gang.js';
export { placePod } from './pod.js';
