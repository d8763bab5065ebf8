/**
 * Typecheck-only test (run by `nx run @grove/api:typecheck`, never by vitest): the generated types
 * accept what they should, and every `@ts-expect-error` line must fail to compile.
 */
import type { V1Condition, V1PodSpec } from '@kubernetes/client-node';
import type { GroveClient, ObjectKey, ObjectOf } from '../../src/client/index.js';
import {
  ClusterTopologyBindingGVK,
  isPodCliqueSet,
  PodCliqueGVK,
  PodCliqueSetGVK,
  PodGangGVK,
  type PodClique,
  type PodCliqueSet,
  type PodCliqueSpec,
  type PodCliqueTemplateSpec,
} from '../../src/generated/index.js';

const podSpec: V1PodSpec = { containers: [{ name: 'main', image: 'busybox' }] };

// A PodCliqueSet with a client-node V1PodSpec compiles; the embedded spec reads back as V1PodSpec.
export const pcs: PodCliqueSet = {
  apiVersion: 'grove.io/v1alpha1',
  kind: 'PodCliqueSet',
  metadata: { name: 'inference', namespace: 'ml', creationTimestamp: new Date() },
  spec: { replicas: 1, template: { cliques: [{ name: 'prefill', spec: { podSpec, replicas: 2 } }], cliqueStartupType: 'CliqueStartupTypeInOrder' } },
};
export const back: V1PodSpec | undefined = pcs.spec.template.cliques[0]?.spec.podSpec;
// The clique spec of a PCS template and of a PodClique are one type.
export const pclqSpec: PodClique['spec'] = pcs.spec.template.cliques[0]?.spec as PodCliqueSpec;
export const condition: V1Condition | undefined = ({} as PodClique).status?.conditions?.[0];

// @ts-expect-error replicas is a number
export const badReplicas: PodCliqueTemplateSpec = { name: 'a', spec: { podSpec, replicas: 'two' } };
// @ts-expect-error cliqueStartupType is an enum
export const badEnum: PodCliqueSet['spec']['template'] = { cliques: [], cliqueStartupType: 'Sometimes' };
// @ts-expect-error podSpec is required
export const noPodSpec: PodCliqueSpec = { replicas: 1 };
// @ts-expect-error podSpec is a V1PodSpec
export const badPodSpec: PodCliqueSpec = { podSpec: { containers: 'nginx' } };
// @ts-expect-error kind is a literal
export const wrongKind: PodCliqueSet = { ...pcs, kind: 'PodClique' };

// The client returns the generated type for a descriptor.
declare const client: GroveClient;
export async function typedCalls(): Promise<void> {
  const got: PodCliqueSet = await client.get(PodCliqueSetGVK, { namespace: 'ml', name: 'inference' });
  const items: PodClique[] = (await client.list(PodCliqueGVK, { labelSelector: 'a=b' })).items;
  const replicas: number | undefined = (await client.getScale(PodCliqueSetGVK, { namespace: 'ml', name: 'inference' })).spec?.replicas;
  await client.apply(PodCliqueSetGVK, { metadata: { name: 'inference', namespace: 'ml' }, spec: { replicas: 2 } }, { fieldManager: 'm' });
  await client.patchStatus(PodGangGVK, { namespace: 'ml', name: 'g' }, { phase: 'Running' }, { strategy: 'merge' });
  await client.get(ClusterTopologyBindingGVK, { name: 'default' });
  void [got, items, replicas];

  // @ts-expect-error PodGang has no scale subresource
  await client.getScale(PodGangGVK, { namespace: 'ml', name: 'g' });
  // @ts-expect-error a namespaced kind needs a namespace
  await client.get(PodCliqueSetGVK, { name: 'inference' });
  // @ts-expect-error a cluster-scoped kind takes none
  await client.get(ClusterTopologyBindingGVK, { namespace: 'ml', name: 'default' });
  // @ts-expect-error the phase is an enum
  await client.patchStatus(PodGangGVK, { namespace: 'ml', name: 'g' }, { phase: 'Exploded' }, { strategy: 'merge' });
  // @ts-expect-error apply needs a field manager
  await client.apply(PodCliqueSetGVK, { metadata: { name: 'inference' } }, {});
}

export type Key = ObjectKey<typeof PodCliqueSetGVK>;
export type Obj = ObjectOf<typeof PodCliqueSetGVK>;
export const narrowed = (x: unknown): string | undefined => (isPodCliqueSet(x) ? x.spec.template.cliques[0]?.name : undefined);
