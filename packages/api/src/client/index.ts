export { createGroveClient, GroveClient } from './client.js';
export { decode, decodeModel, encode } from './codec.js';
export { ApiError, isAlreadyExists, isConflict, isNotFound, toApiError } from './errors.js';
export type {
  ApplyConfiguration,
  ApplyOptions,
  CreateOptions,
  DeepPartial,
  DeleteOptions,
  GroveDescriptor,
  ListOf,
  ListOptions,
  NewObject,
  ObjectKey,
  ObjectOf,
  Scalable,
  StatusOf,
  StatusPatchOptions,
  WithStatus,
} from './types.js';
export type { WatchEvent, WatchHandle, WatchListener, WatchOptions } from './watch.js';
