/**
 * Valid base objects of each kind. Rule cases change them by path, so the indices below are part of
 * the contract: in `aPodCliqueSet()` cliques[0] is the standalone `router`, cliques[1] `prefill` and
 * cliques[2] `decode` are the members of podCliqueScalingGroups[0] `workers`.
 */
import type { Json, Manifest } from './manifest.js';

export const GROVE = 'grove.io/v1alpha1';
export const SCHEDULER = 'scheduler.grove.io/v1alpha1';

export function aPodSpec(): Json {
  return { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] };
}

export function aClique(name: string, spec: { [key: string]: Json } = {}): Json {
  return { name, spec: { roleName: name, replicas: 1, podSpec: aPodSpec(), ...spec } };
}

export function aPodCliqueSet(name = 'pcs'): Manifest {
  return {
    apiVersion: GROVE,
    kind: 'PodCliqueSet',
    metadata: { name },
    spec: {
      replicas: 1,
      template: {
        cliques: [
          aClique('router', { replicas: 2 }),
          aClique('prefill', { replicas: 2, minAvailable: 1 }),
          aClique('decode', { replicas: 3, minAvailable: 2 }),
        ],
        podCliqueScalingGroups: [{ name: 'workers', cliqueNames: ['prefill', 'decode'], replicas: 2, minAvailable: 1 }],
      },
    },
  };
}

/** A DRA claim template entry with one device request (what resourceClaimTemplates requires). */
export function aClaimTemplate(name: string): Json {
  return { name, templateSpec: { spec: { devices: { requests: [{ name: 'gpu', exactly: { deviceClassName: 'gpu.example.com' } }] } } } };
}

export function aPodClique(name = 'pcs-0-router'): Manifest {
  return { apiVersion: GROVE, kind: 'PodClique', metadata: { name }, spec: { roleName: 'router', replicas: 2, minAvailable: 1, podSpec: aPodSpec() } };
}

export function aPodCliqueScalingGroup(name = 'pcs-0-workers'): Manifest {
  return { apiVersion: GROVE, kind: 'PodCliqueScalingGroup', metadata: { name }, spec: { cliqueNames: ['prefill', 'decode'] } };
}

export function aClusterTopologyBinding(name: string): Manifest {
  return {
    apiVersion: GROVE,
    kind: 'ClusterTopologyBinding',
    metadata: { name },
    spec: {
      levels: [
        { domain: 'zone', key: 'topology.kubernetes.io/zone' },
        { domain: 'rack', key: 'topology.grove.io/rack' },
        { domain: 'host', key: 'kubernetes.io/hostname' },
      ],
    },
  };
}

export function aPodGang(name = 'pcs-0'): Manifest {
  return {
    apiVersion: SCHEDULER,
    kind: 'PodGang',
    metadata: { name },
    spec: { podgroups: [{ name: 'pcs-0-router', podReferences: [], minReplicas: 1 }] },
  };
}
