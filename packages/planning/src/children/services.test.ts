import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { expectedHeadlessServiceNames, headlessService } from './services.js';

describe('headless Service per PCS replica (§2.2)', () => {
  it('is <pcs>-<i> with clusterIP None, selecting every pod of the replica', () => {
    const pcs = aPodCliqueSet('llm').replicas(3).clique('a').build();
    expect(headlessService(pcs, 2)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'llm-2',
        namespace: 'default',
        labels: {
          'app.kubernetes.io/managed-by': 'grove-operator',
          'app.kubernetes.io/part-of': 'llm',
          'app.kubernetes.io/name': 'llm-2',
          'app.kubernetes.io/component': 'pcs-headless-service',
          'grove.io/podcliqueset-replica-index': '2',
        },
      },
      spec: {
        clusterIP: 'None',
        selector: {
          'app.kubernetes.io/managed-by': 'grove-operator',
          'app.kubernetes.io/part-of': 'llm',
          'grove.io/podcliqueset-replica-index': '2',
        },
        publishNotReadyAddresses: true,
      },
    });
  });

  it.each([
    ['the template says false', { publishNotReadyAddresses: false }, false],
    ['the template says true', { publishNotReadyAddresses: true }, true],
    ['the config is absent (Go zero value)', undefined, false],
    ['the config has no field (CRD default)', {}, true],
  ])('publishNotReadyAddresses when %s', (_what, headlessServiceConfig, expected) => {
    const pcs = aPodCliqueSet('llm').clique('a').with({ headlessServiceConfig }).build();
    expect(headlessService(pcs, 0).spec?.publishNotReadyAddresses).toBe(expected);
  });

  it('expects one Service per replica; replicas beyond spec.replicas are not expected (Appendix A.10)', () => {
    expect(expectedHeadlessServiceNames(aPodCliqueSet('llm').replicas(2).clique('a').build())).toEqual(['llm-0', 'llm-1']);
    expect(expectedHeadlessServiceNames(aPodCliqueSet('llm').replicas(0).clique('a').build())).toEqual([]);
  });
});
