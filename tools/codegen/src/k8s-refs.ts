/**
 * `k8s:` references in the CRD sources name Kubernetes OpenAPI definitions; the generated types use
 * the matching @kubernetes/client-node model instead of a copy. The table is explicit (client-node's
 * names are not a pure function of the definition name: `io.k8s.api.core.v1.Event` is `CoreV1Event`),
 * and a unit test checks every model name against client-node's exports. A reference missing here
 * is an error, never a silent `unknown`.
 */

/** A client-node model class, or a scalar without a model (the union of its JSON forms). */
export type K8sTypeMapping = { readonly model: string } | { readonly scalar: readonly ('string' | 'number')[] };

const model = (name: string): K8sTypeMapping => ({ model: name });

export const K8S_TYPES: Readonly<Record<string, K8sTypeMapping>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': model('V1ObjectMeta'),
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition': model('V1Condition'),
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': model('V1LabelSelector'),
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': model('V1OwnerReference'),
  'io.k8s.api.core.v1.PodSpec': model('V1PodSpec'),
  'io.k8s.api.core.v1.PodTemplateSpec': model('V1PodTemplateSpec'),
  'io.k8s.api.core.v1.Container': model('V1Container'),
  'io.k8s.api.core.v1.EnvVar': model('V1EnvVar'),
  'io.k8s.api.core.v1.ResourceRequirements': model('V1ResourceRequirements'),
  'io.k8s.api.core.v1.Toleration': model('V1Toleration'),
  'io.k8s.api.core.v1.Affinity': model('V1Affinity'),
  'io.k8s.api.core.v1.ObjectReference': model('V1ObjectReference'),
  'io.k8s.api.core.v1.LocalObjectReference': model('V1LocalObjectReference'),
  'io.k8s.api.autoscaling.v2.MetricSpec': model('V2MetricSpec'),
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerBehavior': model('V2HorizontalPodAutoscalerBehavior'),
  'io.k8s.api.resource.v1.ResourceClaimTemplateSpec': model('V1ResourceClaimTemplateSpec'),
  'io.k8s.api.resource.v1.ResourceClaimSpec': model('V1ResourceClaimSpec'),
  // Scalars: client-node has no class for these; their JSON form is what travels.
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { scalar: ['string'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { scalar: ['string'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Duration': { scalar: ['string'] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { scalar: ['string'] },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { scalar: ['number', 'string'] },
};

/** The mapping of one `k8s:` definition name; throws (naming the definition) when the table lacks it. */
export function k8sType(definition: string): K8sTypeMapping {
  const mapping = K8S_TYPES[definition];
  if (!mapping) {
    const known = Object.keys(K8S_TYPES).join(', ');
    throw new Error(`unknown Kubernetes definition "${definition}"; add it to tools/codegen/src/k8s-refs.ts (known: ${known})`);
  }
  return mapping;
}
