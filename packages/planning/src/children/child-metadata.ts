/**
 * The metadata every PodCliqueSet child shares (grove-spec §1.8, §2.2): its name, the PCS
 * namespace, labels that always start from the default labels, and annotations only when there
 * are some. Owner references and finalizers are the reconciler's to add.
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { ANNOTATION, defaultLabels, LABEL, type PodCliqueSet } from '@grove/api';
import { pcsNameOf } from './template-lookup.js';

export type StringMap = Record<string, string>;

export function childMetadata(pcs: PodCliqueSet, name: string, labels: StringMap, annotations: StringMap = {}): V1ObjectMeta {
  const namespace = pcs.metadata.namespace;
  return {
    name,
    ...(namespace !== undefined && { namespace }),
    labels,
    ...(Object.keys(annotations).length > 0 && { annotations }),
  };
}

/** Default labels, the object's own name and its component: the labels of every PCS-level child. */
export function componentLabels(pcs: PodCliqueSet, name: string, component: string): StringMap {
  return { ...defaultLabels(pcsNameOf(pcs)), [LABEL.name]: name, [LABEL.component]: component };
}

/**
 * Clique template annotations as they reach PodCliques (and then pods): `grove.io/topology-name`
 * is the operator's own annotation on PodGangs and is stripped (§1.8).
 */
export function podCliqueAnnotations(templateAnnotations: Readonly<StringMap> | undefined): StringMap {
  const annotations = { ...templateAnnotations };
  delete annotations[ANNOTATION.topologyName];
  return annotations;
}
