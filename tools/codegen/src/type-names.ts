/**
 * Names for nested schemas, so that `spec.template.cliques[*]` becomes `PodCliqueTemplateSpec`
 * instead of an anonymous inline type. A `title` in the CRD source wins over this table; a path
 * here that the schema lacks is an error, so the table cannot silently rot when a CRD changes.
 * Keys: `<group>/<kind>`, then the schema path as components.ts writes it (`.spec.levels[*]`).
 * Names follow Grove's Go types; PodGang's topology types carry a prefix because the root index
 * re-exports both API groups into one namespace.
 */
export type TypeNames = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const TYPE_NAMES: TypeNames = {
  'grove.io/ClusterTopologyBinding': {
    '.spec.levels[*]': 'TopologyLevel',
    '.spec.schedulerTopologyBindings[*]': 'SchedulerTopologyBinding',
    '.status.schedulerTopologyStatuses[*]': 'SchedulerTopologyStatus',
  },
  'grove.io/PodClique': {
    '.spec.autoScalingConfig': 'AutoScalingConfig',
    '.status.lastErrors[*]': 'LastError',
    '.status.updateProgress': 'PodCliqueUpdateProgress',
    '.status.updateProgress.readyPodsSelectedToUpdate': 'PodsSelectedToUpdate',
  },
  'grove.io/PodCliqueSet': {
    '.spec.updateStrategy': 'PodCliqueSetUpdateStrategy',
    '.spec.template': 'PodCliqueSetTemplateSpec',
    '.spec.template.cliques[*]': 'PodCliqueTemplateSpec',
    '.spec.template.cliques[*].topologyConstraint': 'TopologyConstraint',
    '.spec.template.cliques[*].topologyConstraint.pack': 'TopologyPack',
    '.spec.template.cliques[*].resourceSharing[*]': 'ResourceSharingSpec',
    '.spec.template.cliques[*].spec': 'PodCliqueSpec',
    '.spec.template.cliques[*].spec.autoScalingConfig': 'AutoScalingConfig',
    '.spec.template.headlessServiceConfig': 'HeadlessServiceConfig',
    '.spec.template.topologyConstraint': 'TopologyConstraint',
    '.spec.template.topologyConstraint.pack': 'TopologyPack',
    '.spec.template.resourceClaimTemplates[*]': 'ResourceClaimTemplateConfig',
    '.spec.template.resourceSharing[*]': 'PodCliqueSetResourceSharingSpec',
    '.spec.template.resourceSharing[*].filter': 'PodCliqueSetResourceSharingFilter',
    '.spec.template.podCliqueScalingGroups[*]': 'PodCliqueScalingGroupConfig',
    '.spec.template.podCliqueScalingGroups[*].scaleConfig': 'AutoScalingConfig',
    '.spec.template.podCliqueScalingGroups[*].resourceSharing[*]': 'PodCliqueScalingGroupResourceSharingSpec',
    '.spec.template.podCliqueScalingGroups[*].resourceSharing[*].filter': 'PodCliqueScalingGroupResourceSharingFilter',
    '.spec.template.podCliqueScalingGroups[*].topologyConstraint': 'TopologyConstraint',
    '.spec.template.podCliqueScalingGroups[*].topologyConstraint.pack': 'TopologyPack',
    '.status.lastErrors[*]': 'LastError',
    // Not "PodGangStatus": that is the PodGang kind's status in the scheduler group.
    '.status.podGangStatuses[*]': 'PodCliqueSetPodGangStatus',
    '.status.updateProgress': 'PodCliqueSetUpdateProgress',
    '.status.updateProgress.currentlyUpdating[*]': 'PodCliqueSetReplicaUpdateProgress',
  },
  'grove.io/PodCliqueScalingGroup': {
    '.status.lastErrors[*]': 'LastError',
    '.status.updateProgress': 'PodCliqueScalingGroupUpdateProgress',
    '.status.updateProgress.readyReplicaIndicesSelectedToUpdate': 'ReplicaIndicesSelectedToUpdate',
  },
  'scheduler.grove.io/PodGang': {
    '.spec.podgroups[*]': 'PodGroup',
    '.spec.podgroups[*].podReferences[*]': 'NamespacedName',
    '.spec.podgroups[*].topologyConstraint': 'PodGangTopologyConstraint',
    '.spec.podgroups[*].topologyConstraint.packConstraint': 'PodGangPackConstraint',
    '.spec.topologyConstraint': 'PodGangTopologyConstraint',
    '.spec.topologyConstraint.packConstraint': 'PodGangPackConstraint',
    '.spec.topologyConstraintGroupConfigs[*]': 'TopologyConstraintGroupConfig',
    '.spec.topologyConstraintGroupConfigs[*].topologyConstraint': 'PodGangTopologyConstraint',
    '.spec.topologyConstraintGroupConfigs[*].topologyConstraint.packConstraint': 'PodGangPackConstraint',
    '.spec.reuseReservationRef': 'NamespacedName',
  },
};
