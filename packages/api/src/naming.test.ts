import { describe, expect, it } from 'vitest';
import * as naming from './naming.js';

// Worked examples of grove-spec §2.1 with PCS "inference", replica 1, and a scaling group "decode"
// (PCSG FQN "inference-1-decode") at replica 2 with minAvailable 1.
const pcs = { pcs: 'inference', replicaIndex: 1 };
const pcsg = { pcsg: 'inference-1-decode', replicaIndex: 2 };

describe('generated names (grove-spec §2.1)', () => {
  it.each([
    ['standalone PodClique', naming.podCliqueName(pcs, 'prefill'), 'inference-1-prefill'],
    ['PodCliqueScalingGroup', naming.podCliqueScalingGroupName(pcs, 'decode'), 'inference-1-decode'],
    ['PCSG-member PodClique', naming.scalingGroupPodCliqueName(pcsg, 'dec-a'), 'inference-1-decode-2-dec-a'],
    ['pod generateName', naming.podGenerateName('inference-1-prefill'), 'inference-1-prefill-'],
    ['pod hostname', naming.podHostname('inference-1-prefill', 3), 'inference-1-prefill-3'],
    ['headless Service (and pod subdomain)', naming.headlessServiceName(pcs), 'inference-1'],
    ['GROVE_HEADLESS_SERVICE', naming.headlessServiceAddress(pcs, 'ml'), 'inference-1.ml.svc.cluster.local'],
    ['base PodGang', naming.basePodGangName(pcs), 'inference-1'],
    ['scaled PodGang (k = 2 - 1)', naming.scaledPodGangName(pcsg, 1), 'inference-1-decode-1'],
    ['PodGang group config', naming.podGangGroupConfigName(pcsg), 'inference-1-decode-2'],
    ['HPA of a PodClique', naming.hpaName('inference-1-prefill'), 'inference-1-prefill'],
    ['ServiceAccount', naming.serviceAccountName('inference'), 'inference'],
    ['Role', naming.roleName('inference'), 'grove.io:pcs:inference'],
    ['RoleBinding', naming.roleBindingName('inference'), 'grove.io:pcs:inference'],
    ['init-container token Secret', naming.initContainerTokenSecretName('inference'), 'inference-ic-sat'],
    ['legacy token Secret', naming.legacyInitContainerTokenSecretName('inference'), 'inference-initc-sa-token-secret'],
    ['ResourceClaim, AllReplicas', naming.resourceClaimName('inference', 'gpu'), 'inference-all-gpu'],
    ['ResourceClaim, PerReplica', naming.resourceClaimName('inference-1-decode', 'gpu', 2), 'inference-1-decode-2-gpu'],
    ['ComputeDomain', naming.computeDomainName(pcs, 'decode'), 'inference-1-decode'],
  ])('%s', (_, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('rejects a scaled PodGang for a replica inside the base gang', () => {
    expect(() => naming.scaledPodGangName({ pcsg: 'a-0-g', replicaIndex: 0 }, 1)).toThrow(/below minAvailable 1: it is in the base PodGang/);
  });

  it.each([-1, 1.5, Number.NaN])('rejects replica index %s', (bad) => {
    expect(() => naming.podCliqueName({ pcs: 'a', replicaIndex: bad }, 'c')).toThrow(RangeError);
  });

  it.each([
    ['inference-1-prefill-3', 3],
    ['inference-1-prefill-10', 10],
    ['inference-1-prefill', undefined],
    ['inference-1-prefill-03', undefined],
    ['x-', undefined],
  ])('reads the pod index of hostname %s', (hostname, expected) => {
    expect(naming.podIndexFromHostname(hostname)).toBe(expected);
  });

  it('round-trips a pod index through the hostname', () => {
    expect(naming.podIndexFromHostname(naming.podHostname('a-0-b', 7))).toBe(7);
  });
});

describe('pod-name budget (45 characters)', () => {
  const n = (length: number, ch = 'a') => ch.repeat(length);
  it.each([
    ['standalone, exactly 45', { pcs: n(30), clique: n(15) }, true, 45],
    ['standalone, 46', { pcs: n(30), clique: n(16) }, false, 46],
    ['member, exactly 45', { pcs: n(20), scalingGroup: n(10), clique: n(15) }, true, 45],
    ['member, 46', { pcs: n(20), scalingGroup: n(11), clique: n(15) }, false, 46],
  ])('%s', (_, parts, fits, used) => {
    const result = naming.podNameBudget(parts);
    expect(result.fits).toBe(fits);
    expect(result.used).toBe(used);
  });

  it('names each part, its length and the limit in the reason', () => {
    const result = naming.podNameBudget({ pcs: 'p'.repeat(20), scalingGroup: 'g'.repeat(11), clique: 'c'.repeat(15) });
    expect(result.fits).toBe(false);
    if (result.fits) return;
    expect(result.reason).toBe(
      `PodCliqueSet name "${'p'.repeat(20)}" (20) + scaling group name "${'g'.repeat(11)}" (11) + ` +
        `clique name "${'c'.repeat(15)}" (15) = 46 characters, more than the 45 that generated pod names allow`,
    );
  });

  it('keeps the longest pod name that fits within a DNS label', () => {
    // 45 user characters + "-<pcsIdx>-" + "-<pcsgIdx>-" + "-<5 random>": single-digit indices.
    const pclq = naming.scalingGroupPodCliqueName(
      { pcsg: naming.podCliqueScalingGroupName({ pcs: n(20), replicaIndex: 9 }, n(10)), replicaIndex: 9 },
      n(15),
    );
    expect(`${naming.podGenerateName(pclq)}xxxxx`.length).toBeLessThanOrEqual(63);
  });
});
