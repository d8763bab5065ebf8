import { describe, expect, it } from 'vitest';
import * as labels from './labels.js';

describe('labels and annotations (grove-spec §1.8)', () => {
  it.each([
    [labels.LABEL.managedBy, 'app.kubernetes.io/managed-by'],
    [labels.LABEL.partOf, 'app.kubernetes.io/part-of'],
    [labels.LABEL.podClique, 'grove.io/podclique'],
    [labels.LABEL.podCliqueScalingGroupReplicaIndex, 'grove.io/podcliquescalinggroup-replica-index'],
    [labels.LABEL.podCliquePodIndex, 'grove.io/podclique-pod-index'],
    [labels.MANAGED_BY_VALUE, 'grove-operator'],
    [labels.COMPONENT.pcsgPodClique, 'pcsg-podclique'],
    [labels.ANNOTATION.disableManagedResourceProtection, 'grove.io/disable-managed-resource-protection'],
    [labels.FINALIZER.podCliqueSet, 'grove.io/podcliqueset.grove.io'],
    [labels.SCHEDULING_GATE.podGangPendingCreation, 'grove.io/podgang-pending-creation'],
    [labels.CONDITION_REASON.minAvailableBreached.insufficientAvailablePcsgReplicas, 'InsufficientAvailablePodCliqueScalingGroupReplicas'],
    [labels.EVENT_REASON.pcsgReplicaDeleteFailed, 'PodCliqueScalingGroupReplicaDeleteFailed'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('injects pod env vars in the spec order', () => {
    expect(Object.values(labels.POD_ENV)).toEqual([
      'GROVE_PCS_NAME',
      'GROVE_PCS_INDEX',
      'GROVE_PCLQ_NAME',
      'GROVE_HEADLESS_SERVICE',
      'GROVE_PCLQ_POD_INDEX',
      'GROVE_PCSG_NAME',
      'GROVE_PCSG_TEMPLATE_NUM_PODS',
      'GROVE_PCSG_INDEX',
    ]);
  });

  it('has no two constants with the same string in one table', () => {
    for (const table of [labels.LABEL, labels.COMPONENT, labels.ANNOTATION, labels.FINALIZER, labels.EVENT_REASON, labels.CONDITION_TYPE]) {
      const values = Object.values(table);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('writes label keys as valid qualified names', () => {
    const qualified = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
    for (const key of [...Object.values(labels.LABEL), ...Object.values(labels.ANNOTATION), ...Object.values(labels.FINALIZER)]) {
      expect(key).toMatch(qualified);
    }
  });
});

describe('selectors (grove-spec §1.1–§1.3)', () => {
  it('PodCliqueSet hpaPodSelector', () => {
    expect(labels.podCliqueSetSelector('inference')).toBe('app.kubernetes.io/managed-by=grove-operator,app.kubernetes.io/part-of=inference');
  });
  it('PodClique hpaPodSelector', () => {
    expect(labels.podCliqueSelector('inference', 'inference-0-prefill')).toBe(
      'app.kubernetes.io/managed-by=grove-operator,app.kubernetes.io/part-of=inference,grove.io/podclique=inference-0-prefill',
    );
  });
  it('PodCliqueScalingGroup selector', () => {
    expect(labels.podCliqueScalingGroupSelector('inference', 'inference-0-decode')).toBe(
      'app.kubernetes.io/managed-by=grove-operator,app.kubernetes.io/part-of=inference,grove.io/podcliquescalinggroup=inference-0-decode',
    );
  });
});
