import { describe, expect, it } from 'vitest';
import { aPodCliqueSet } from '@grove/fixtures';
import { defaultPodCliqueSet } from './defaults.js';

const bare = () =>
  aPodCliqueSet()
    .clique('a', { roleName: 'a', replicas: 3, minAvailable: undefined })
    .with({ terminationDelay: undefined, headlessServiceConfig: undefined })
    .build();

describe('defaultPodCliqueSet', () => {
  it('fills every defaulted field of a clique', () => {
    const spec = defaultPodCliqueSet(bare()).spec.template.cliques[0]?.spec;
    expect(spec?.replicas).toBe(3);
    expect(spec?.minAvailable).toBe(3);
    expect(spec?.podSpec.restartPolicy).toBe('Always');
    expect(spec?.podSpec.terminationGracePeriodSeconds).toBe(30);
  });

  it('fills template defaults: terminationDelay 4h and a headless Service publishing not-ready addresses', () => {
    const template = defaultPodCliqueSet(bare()).spec.template;
    expect(template.terminationDelay).toBe('4h');
    expect(template.headlessServiceConfig).toEqual({ publishNotReadyAddresses: true });
  });

  it.each([
    ['replicas 0, no minAvailable (Grove bug: minAvailable 0)', { replicas: 0 }, { replicas: 1, minAvailable: 1 }],
    ['replicas absent', { replicas: undefined }, { replicas: 1, minAvailable: 1 }],
    ['replicas 0 with autoscaling, no minReplicas', { replicas: 0, autoScalingConfig: { maxReplicas: 4 } }, { replicas: 1, minAvailable: 1, autoScalingConfig: { maxReplicas: 4, minReplicas: 1 } }],
    ['replicas 2 with autoscaling', { replicas: 2, autoScalingConfig: { maxReplicas: 4 } }, { replicas: 2, minAvailable: 2, autoScalingConfig: { maxReplicas: 4, minReplicas: 2 } }],
    ['explicit minAvailable and minReplicas are kept', { replicas: 4, minAvailable: 2, autoScalingConfig: { maxReplicas: 8, minReplicas: 3 } }, { replicas: 4, minAvailable: 2, autoScalingConfig: { maxReplicas: 8, minReplicas: 3 } }],
  ])('derives sizes from the replicas after defaulting: %s', (_name, given, expected) => {
    const pcs = aPodCliqueSet().clique('a', { minAvailable: undefined, ...given }).build();
    expect(defaultPodCliqueSet(pcs).spec.template.cliques[0]?.spec).toMatchObject(expected);
  });

  it('keeps what the user set', () => {
    const pcs = aPodCliqueSet()
      .clique('a', { podSpec: { containers: [], restartPolicy: 'Never', terminationGracePeriodSeconds: 0 } })
      .with({ terminationDelay: '1m', headlessServiceConfig: { publishNotReadyAddresses: false } })
      .build();
    const defaulted = defaultPodCliqueSet(pcs);
    expect(defaulted.spec.template.cliques[0]?.spec.podSpec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0 });
    expect(defaulted.spec.template).toMatchObject({ terminationDelay: '1m', headlessServiceConfig: { publishNotReadyAddresses: false } });
  });

  it.each([
    [{ replicas: 3, scaleConfig: { maxReplicas: 5 } }, 3],
    [{ replicas: undefined, scaleConfig: { maxReplicas: 5 } }, 1],
    [{ replicas: 2, scaleConfig: { maxReplicas: 5, minReplicas: 4 } }, 4],
  ])('defaults a scaling group scaleConfig.minReplicas to its replicas: %j', (config, minReplicas) => {
    const pcs = aPodCliqueSet().clique('a').scalingGroup('g', ['a'], config).build();
    expect(defaultPodCliqueSet(pcs).spec.template.podCliqueScalingGroups?.[0]?.scaleConfig?.minReplicas).toBe(minReplicas);
  });

  it('sets the request namespace on an object without one, and never changes the input', () => {
    const pcs = bare();
    delete pcs.metadata.namespace;
    const before = structuredClone(pcs);
    expect(defaultPodCliqueSet(pcs, { namespace: 'team-a' }).metadata.namespace).toBe('team-a');
    expect(pcs).toEqual(before);
  });

  it('is idempotent', () => {
    const once = defaultPodCliqueSet(bare());
    expect(defaultPodCliqueSet(once)).toEqual(once);
  });
});
