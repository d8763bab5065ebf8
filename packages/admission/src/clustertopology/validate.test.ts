import { describe, expect, it } from 'vitest';
import type { ClusterTopologyBinding } from '@grove/api';
import { aClusterTopologyBinding } from '@grove/fixtures';
import { found, schedulers } from '../../test/context.js';
import { schedulerCatalog } from '../context.js';
import { validateClusterTopologyBinding } from './validate.js';

const levels = aClusterTopologyBinding().spec.levels;

describe('validateClusterTopologyBinding', () => {
  it('accepts the local cluster hierarchy and a binding to a topology-aware backend', () => {
    const ct = aClusterTopologyBinding('c', { schedulerTopologyBindings: [{ schedulerName: 'podgang-scheduler', topologyReference: 't' }] });
    expect(validateClusterTopologyBinding(ct, schedulers)).toEqual({ errors: [], warnings: [] });
  });

  it.each<[string, Partial<ClusterTopologyBinding['spec']>, string[]]>([
    ['no levels', { levels: [] }, ['FieldValueRequired spec.levels']],
    ['a repeated domain', { levels: [...levels, { domain: 'rack', key: 'other/key' }] }, ['FieldValueDuplicate spec.levels[4].domain']],
    ['a repeated key', { levels: [...levels, { domain: 'numa', key: 'kubernetes.io/hostname' }] }, ['FieldValueDuplicate spec.levels[4].key']],
    [
      'a scheduler bound twice',
      { schedulerTopologyBindings: [{ schedulerName: 'podgang-scheduler', topologyReference: 'a' }, { schedulerName: 'podgang-scheduler', topologyReference: 'b' }] },
      ['FieldValueDuplicate spec.schedulerTopologyBindings[1].schedulerName'],
    ],
    ['a backend that is not enabled', { schedulerTopologyBindings: [{ schedulerName: 'kai-scheduler', topologyReference: 'a' }] }, ['FieldValueNotSupported spec.schedulerTopologyBindings[0].schedulerName']],
    ['a backend that is not topology-aware', { schedulerTopologyBindings: [{ schedulerName: 'default-scheduler', topologyReference: 'a' }] }, ['FieldValueInvalid spec.schedulerTopologyBindings[0].schedulerName']],
  ])('rejects %s', (_name, spec, expected) => {
    expect(found(validateClusterTopologyBinding(aClusterTopologyBinding('c', spec), schedulers).errors)).toEqual(expected);
  });

  it('knows kai-scheduler is topology-aware once enabled', () => {
    const ct = aClusterTopologyBinding('c', { schedulerTopologyBindings: [{ schedulerName: 'kai-scheduler', topologyReference: 'a' }] });
    expect(validateClusterTopologyBinding(ct, schedulerCatalog(['kai-scheduler'])).errors).toEqual([]);
  });

  it('answers a malformed object with type errors', () => {
    expect(found(validateClusterTopologyBinding({ spec: { levels: 'zone' } } as unknown as ClusterTopologyBinding, schedulers).errors)).toEqual(['FieldValueTypeInvalid spec.levels']);
  });
});
