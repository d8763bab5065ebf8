export { LeaderElector, type LeaderCallbacks, type LeaderElectionConfig, type LeaderElectorDeps } from './leader-elector.js';
export { MemoryLeaseClient, type LeaseClient, type LeaseRecord, type StoredLease } from './lease-client.js';
export { kubeLeaseClient } from './kube-lease-client.js';
