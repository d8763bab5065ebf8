/**
 * The children a PodCliqueSet reconciler creates (grove-spec §2.2, §2.4), as complete objects
 * without owner references or finalizers, plus the hashes (§6.1) and startup order (§5) they carry.
 */
export { generationHash, podTemplateHash, templateHashes } from './hash.js';
export { declaredDependencies, startupDependencies, type CliquePlacement, type StartupDependency } from './startup-order.js';
export {
  expectedScalingGroupMemberPodCliqueNames,
  expectedStandalonePodCliqueNames,
  scalingGroupMemberPodClique,
  standalonePodClique,
} from './podcliques.js';
export { expectedScalingGroupNames, podCliqueScalingGroup } from './scaling-groups.js';
export { initContainerTokenSecret, podRole, podRoleBinding, podServiceAccount } from './pod-rbac.js';
export { expectedHeadlessServiceNames, headlessService } from './services.js';
export { scalingGroupTemplateNumPods } from './scaling-group-env.js';
