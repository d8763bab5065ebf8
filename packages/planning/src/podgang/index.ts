/**
 * PodGang decisions (grove-spec §3, §8): the expected gangs of a PodCliqueSet, when a gang is
 * initialized, which pods to release to the scheduler, and topology translation.
 */
export type { GangWorld } from './world.js';
export { expectedPodGangs, podGangReady, podGangStatusUpdate } from './gangs.js';
export { effectiveTopologyName, topologyLevelsCondition, translateConstraint } from './topology.js';
export { hasGroveSchedulingGate, podsToUngate, schedulingGatesWithoutGrove, type GateWorld } from './gates.js';
