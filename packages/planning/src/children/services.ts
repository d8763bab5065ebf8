/**
 * The headless Service of each PCS replica (grove-spec §2.2): it selects every pod of the replica,
 * gives pods stable DNS names (`spec.subdomain`) and is what `GROVE_HEADLESS_SERVICE` points to.
 * Services of replicas removed by a scale-in are not in the expected set but are not deleted by the
 * sync either (Appendix A.10): only PCS deletion removes them.
 */
import type { V1Service } from '@kubernetes/client-node';
import { COMPONENT, defaultLabels, headlessServiceName, LABEL, type PodCliqueSet } from '@grove/api';
import { pcsReplicas } from '../template.js';
import { childMetadata, componentLabels } from './child-metadata.js';
import { pcsNameOf } from './template-lookup.js';

export function headlessService(pcs: PodCliqueSet, pcsReplica: number): V1Service {
  const pcsName = pcsNameOf(pcs);
  const name = headlessServiceName({ pcs: pcsName, replicaIndex: pcsReplica });
  const replicaLabel = { [LABEL.podCliqueSetReplicaIndex]: String(pcsReplica) };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMetadata(pcs, name, { ...componentLabels(pcs, name, COMPONENT.pcsHeadlessService), ...replicaLabel }),
    spec: {
      clusterIP: 'None',
      selector: { ...defaultLabels(pcsName), ...replicaLabel },
      publishNotReadyAddresses: publishNotReadyAddresses(pcs),
    },
  };
}

export function expectedHeadlessServiceNames(pcs: PodCliqueSet): string[] {
  const pcsName = pcsNameOf(pcs);
  return Array.from({ length: pcsReplicas(pcs) }, (_, replicaIndex) => headlessServiceName({ pcs: pcsName, replicaIndex }));
}

/**
 * False without a config (§2.2: Grove's Go zero value). With a config, its field, or the CRD's
 * default `true` when the field is missing (the API server fills it, so only raw objects lack it).
 */
function publishNotReadyAddresses(pcs: PodCliqueSet): boolean {
  const config = pcs.spec.template.headlessServiceConfig;
  return config === undefined ? false : (config.publishNotReadyAddresses ?? true);
}
