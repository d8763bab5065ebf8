import { LABEL } from '@grove/api';
import { describe, expect, it } from 'vitest';
import { podCliqueUpdated } from './podclique-updated.js';
import { aStandalonePodClique } from './test/support.js';

const TEMPLATE = 'tpl-new';
const GENERATION = 'gen-2';

/** Two pods, minAvailable 1, converged on the new template and generation, both Ready. */
const converged = () => aStandalonePodClique('svc', 0, 'router').replicas(2, 1).healthy().ready(2).converged(TEMPLATE, GENERATION);

describe('podCliqueUpdated (§6.2 definition of an "updated" PodClique)', () => {
  it('is true when label, status hashes and pod counts all agree', () => {
    expect(podCliqueUpdated(converged().build(), GENERATION, TEMPLATE)).toBe(true);
  });

  it('needs only minAvailable pods ready and updated, not all of them', () => {
    expect(podCliqueUpdated(converged().status({ readyReplicas: 1, updatedReplicas: 1 }).build(), GENERATION, TEMPLATE)).toBe(true);
  });

  it.each([
    ['the pod-template-hash label is still the old one (spec side)', converged().label(LABEL.podTemplateHash, 'tpl-old')],
    ['status.currentPodTemplateHash is still the old one', converged().status({ currentPodTemplateHash: 'tpl-old' })],
    ['status.currentPodCliqueSetGenerationHash is an older generation', converged().status({ currentPodCliqueSetGenerationHash: 'gen-1' })],
    ['fewer than minAvailable pods are Ready', converged().status({ readyReplicas: 0 })],
    ['fewer than minAvailable pods run the new template', converged().status({ updatedReplicas: 0 })],
    ['no status hashes were stamped yet (rolling update not over, §6.3)', aStandalonePodClique('svc', 0, 'router').healthy().label(LABEL.podTemplateHash, TEMPLATE)],
  ])('is false when %s', (_, builder) => {
    expect(podCliqueUpdated(builder.build(), GENERATION, TEMPLATE)).toBe(false);
  });

  it('defaults minAvailable to replicas when the PodClique leaves it out', () => {
    const threePods = () => aStandalonePodClique('svc', 0, 'router').replicas(3).healthy().converged(TEMPLATE, GENERATION);
    expect(podCliqueUpdated(threePods().status({ readyReplicas: 3 }).build(), GENERATION, TEMPLATE)).toBe(true);
    expect(podCliqueUpdated(threePods().status({ readyReplicas: 2 }).build(), GENERATION, TEMPLATE)).toBe(false);
  });
});
