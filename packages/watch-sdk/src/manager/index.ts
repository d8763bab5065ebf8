export { Manager, type ControllerSpec, type ManagerOptions } from './manager.js';
export { ControllerRuntimeMetrics } from './metrics.js';
export { createManager, defaultIdentity, startManager, type CreateManagerOptions, type LeaseOptions, type ManagerHost } from './start-manager.js';
export { LeaderElector, MemoryLeaseClient, kubeLeaseClient, type LeaderElectionConfig, type LeaseClient } from '../leader/index.js';
