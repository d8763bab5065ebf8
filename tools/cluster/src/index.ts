/** Public API of the local cluster tool, used by the test harness in @grove/testing. */
export { up, down, status, type ClusterInfo, type ClusterOptions } from './cluster.js';
export { parseCommand, REPO_ROOT } from './options.js';
export { stderrProgress, silentProgress, type Progress } from './progress.js';
export { ClusterError } from './errors.js';
export { TOPOLOGY_LABELS, GPU_RESOURCE, OWNED_NODE_LABEL, nodeName } from './nodes.js';
export { isProcessRunning, residentBytes } from './processes.js';
export { httpProbe, waitHealthy, type ProbeResult } from './health.js';
