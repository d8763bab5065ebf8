import './provided-context.js';
export { adminKubeConfig, serviceAccountKubeconfig, tokenKubeConfig } from './kube.js';
export { createTestNamespace, testNamespaceName, TEST_NAMESPACE_LABEL, useTestNamespace } from './namespace.js';
export { eventually, type EventuallyOptions } from './eventually.js';
export { describeDeployableProcess, type DeployableProcessOptions } from './deployable-process.js';
export { createDedicatedNodes, TEST_POOL_KEY, type DedicatedNodeOptions, type DedicatedNodes } from './dedicated-nodes.js';
