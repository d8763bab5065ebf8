/** Scale subresources through `kubectl scale`, and what `kubectl get` shows (printer columns, short names, category). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at } from './support/manifest.js';
import { aClusterTopologyBinding, aPodClique, aPodCliqueScalingGroup, aPodCliqueSet, aPodGang } from './support/objects.js';
import { headers, kubectl } from './support/kubectl.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-kubectl');

describe('scale subresource', () => {
  it.each([
    ['pclq', 'PodClique', aPodClique('scale-me')],
    ['pcs', 'PodCliqueSet', aPodCliqueSet('scale-me')],
    ['pcsg', 'PodCliqueScalingGroup', aPodCliqueScalingGroup('scale-me')],
  ] as const)('kubectl scale %s --replicas=3 sets spec.replicas', async (shortName, kind, object) => {
    await suite.api().create(kind, suite.namespace(), object);
    await kubectl('scale', '-n', suite.namespace(), `${shortName}/scale-me`, '--replicas=3');
    expect(at(await suite.api().get(kind, suite.namespace(), 'scale-me'), 'spec.replicas')).toBe(3);
  });

  it('reports status replicas and the selector from the status paths', async () => {
    const api = suite.api();
    const stored = await api.create('PodClique', suite.namespace(), aPodClique('scale-status'));
    await api.replaceStatus('PodClique', suite.namespace(), { ...stored, status: { replicas: 2, hpaPodSelector: 'grove.io/podclique=scale-status' } });
    const scale = JSON.parse(await kubectl('get', '--raw', `/apis/grove.io/v1alpha1/namespaces/${suite.namespace()}/podcliques/scale-status/scale`)) as unknown;
    expect(at(scale as { [key: string]: null }, 'status')).toEqual({ replicas: 2, selector: 'grove.io/podclique=scale-status' });
  });
});

describe('kubectl get', () => {
  it('shows the PodCliqueSet columns', async () => {
    await suite.api().create('PodCliqueSet', suite.namespace(), aPodCliqueSet('columns'));
    const out = await kubectl('get', 'pcs', '-n', suite.namespace());
    expect(headers(out)).toEqual(['NAME', 'REPLICAS', 'AVAILABLE', 'UPDATED', 'PCLQS-UPDATED', 'PCLQS-TOTAL', 'PCSGS-UPDATED', 'PCSGS-TOTAL', 'AGE']);
    expect(out).toMatch(/^columns\s+1\s/m);
  });

  it('shows the PodClique columns, with Gated and MinBreached in wide output', async () => {
    await suite.api().create('PodClique', suite.namespace(), aPodClique('columns'));
    expect(headers(await kubectl('get', 'pclq', '-n', suite.namespace()))).toEqual(['NAME', 'MINAVAIL', 'REPLICAS', 'READY', 'SCHEDULED', 'UPDATED', 'AGE']);
    expect(headers(await kubectl('get', 'pclq', '-n', suite.namespace(), '-o', 'wide'))).toEqual([
      'NAME', 'MINAVAIL', 'REPLICAS', 'READY', 'SCHEDULED', 'UPDATED', 'GATED', 'MINBREACHED', 'AGE',
    ]);
  });

  it('shows the PodCliqueScalingGroup, PodGang and ClusterTopologyBinding columns', async () => {
    await suite.api().create('PodCliqueScalingGroup', suite.namespace(), aPodCliqueScalingGroup('columns'));
    await suite.api().create('PodGang', suite.namespace(), aPodGang('columns'));
    expect(headers(await kubectl('get', 'pcsg', '-n', suite.namespace()))).toEqual([
      'NAME', 'MINAVAIL', 'REPLICAS', 'AVAILABLE', 'SCHEDULED', 'UPDATED', 'PCLQS-UPDATED', 'PCLQS-TOTAL', 'MINBREACHED', 'AGE',
    ]);
    expect(headers(await kubectl('get', 'pg', '-n', suite.namespace()))).toEqual(['NAME', 'PHASE', 'AGE']);

    const ct = `columns-${randomBytes(3).toString('hex')}`;
    await suite.api().create('ClusterTopologyBinding', '', aClusterTopologyBinding(ct));
    try {
      const out = await kubectl('get', 'ct', ct);
      expect(headers(out)).toEqual(['NAME', 'DOMAINS', 'AGE']);
      // The API server's table printer shows the first match of `.spec.levels[*].domain` (Grove's column too).
      expect(out).toMatch(new RegExp(`^${ct}\\s+zone\\s`, 'm'));
    } finally {
      await suite.api().delete('ClusterTopologyBinding', '', ct);
    }
  });

  it('lists every namespaced Grove kind under the grove category', async () => {
    await suite.api().create('PodGang', suite.namespace(), aPodGang('category'));
    const out = await kubectl('get', 'grove', '-n', suite.namespace(), '-o', 'name');
    expect(out).toContain('podgang.scheduler.grove.io/category');
  });
});
