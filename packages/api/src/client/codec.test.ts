import { describe, expect, it } from 'vitest';
import { decode, decodeModel, encode } from './codec.js';

const descriptor = {
  models: { metadata: 'V1ObjectMeta', spec: { pods: [{ template: 'V1PodSpec' }] }, status: { conditions: ['V1Condition'] } },
} as const;

const raw = {
  apiVersion: 'example.io/v1',
  kind: 'Thing',
  metadata: { name: 'a', creationTimestamp: '2024-05-01T10:00:00Z', managedFields: [{ manager: 'm', time: '2024-05-01T10:00:01Z' }] },
  spec: { pods: [{ template: { containers: [{ name: 'c' }] } }], free: { creationTimestamp: 'left alone' } },
  status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-05-01T10:00:02Z', reason: 'R', message: '' }] },
};

describe('decode', () => {
  it('turns the timestamps of embedded models into Dates, nested ones included', () => {
    const obj = decode<typeof raw & Record<string, unknown>>(raw, descriptor) as unknown as {
      metadata: { creationTimestamp: Date; managedFields: { time: Date }[] };
      status: { conditions: { lastTransitionTime: Date }[] };
      spec: { free: { creationTimestamp: string } };
    };
    expect(obj.metadata.creationTimestamp).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect(obj.metadata.managedFields[0]?.time).toEqual(new Date('2024-05-01T10:00:01Z'));
    expect(obj.status.conditions[0]?.lastTransitionTime).toEqual(new Date('2024-05-01T10:00:02Z'));
    expect(obj.spec.free.creationTimestamp).toBe('left alone');
  });

  it('leaves the input untouched and keeps fields a model does not know', () => {
    const copy = structuredClone(raw);
    const obj = decode<{ metadata: Record<string, unknown> }>(
      { ...raw, metadata: { ...raw.metadata, futureField: 1 } },
      descriptor,
    );
    expect(obj.metadata['futureField']).toBe(1);
    expect(raw).toEqual(copy);
  });

  it('renames fields client-node renames (continue → _continue) and back', () => {
    const meta = decodeModel<{ _continue?: string }>({ continue: 'token', resourceVersion: '5' }, 'V1ListMeta');
    expect(meta).toEqual({ _continue: 'token', resourceVersion: '5' });
    expect(encode({ meta }, { models: { meta: 'V1ListMeta' } })).toEqual({ meta: { continue: 'token', resourceVersion: '5' } });
  });
});

describe('encode', () => {
  it('is the inverse of decode', () => {
    expect(encode(decode(raw, descriptor), descriptor)).toEqual(raw);
  });

  it('accepts partial objects (status patches) and missing branches', () => {
    expect(encode({ status: {} }, descriptor)).toEqual({ status: {} });
    expect(encode({ spec: { pods: null } }, descriptor)).toEqual({ spec: { pods: null } });
  });
});
