import { describe, expect, it } from 'vitest';
import type { FieldError } from '@grove/admission';
import { allow, deny, fail, parseAdmissionReview, reviewBody } from './review.js';

const review = (request: unknown) => JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request });

describe('parseAdmissionReview', () => {
  it('reads the fields the handlers use', () => {
    const parsed = parseAdmissionReview(review({ uid: 'u1', operation: 'UPDATE', namespace: 'ns', name: 'x', object: { a: 1 }, oldObject: { a: 0 }, dryRun: true }));
    expect(parsed).toEqual({ ok: true, request: { uid: 'u1', operation: 'UPDATE', namespace: 'ns', name: 'x', object: { a: 1 }, oldObject: { a: 0 }, dryRun: true } });
  });

  it.each<[string, string]>([
    ['not JSON', '{"apiVersion":'],
    ['JSON but not an object', '[1,2]'],
    ['JSON null', 'null'],
    ['another kind', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'Pod', request: {} })],
    ['admission v1beta1', JSON.stringify({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE' } })],
    ['no request', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' })],
    ['a request that is a string', review('x')],
    ['no uid', review({ operation: 'CREATE' })],
    ['a numeric uid', review({ uid: 7, operation: 'CREATE' })],
    ['an unknown operation', review({ uid: 'u', operation: 'PATCH' })],
    ['an empty body', ''],
  ])('reports %s as a problem instead of throwing', (_name, body) => {
    expect(parseAdmissionReview(body).ok).toBe(false);
  });
});

describe('responses', () => {
  const error: FieldError = { type: 'FieldValueInvalid', field: 'spec.replicas', detail: 'must be greater than 0', value: 0 };

  it('allows with a base64 JSON Patch', () => {
    const response = allow('u', [], [{ op: 'add', path: '/spec/x', value: 1 }]);
    expect(response).toMatchObject({ uid: 'u', allowed: true, patchType: 'JSONPatch' });
    expect(JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString())).toEqual([{ op: 'add', path: '/spec/x', value: 1 }]);
    expect(allow('u')).toEqual({ uid: 'u', allowed: true });
  });

  it('denies like an API server validation error: 422 Invalid, a cause per field', () => {
    expect(deny('u', [error], ['careful'])).toEqual({
      uid: 'u',
      allowed: false,
      status: {
        code: 422,
        reason: 'Invalid',
        message: 'spec.replicas: Invalid value: 0: must be greater than 0',
        details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: 'must be greater than 0' }] },
      },
      warnings: ['careful'],
    });
  });

  it('bounds the number and length of warnings and causes', () => {
    const response = deny('u', Array.from({ length: 500 }, () => error), Array.from({ length: 100 }, () => 'w'.repeat(10_000)));
    expect(response.status?.details?.causes).toHaveLength(50);
    expect(response.warnings).toHaveLength(20);
    expect(response.warnings?.every((w) => w.length <= 256)).toBe(true);
  });

  it('fails with a timeout or internal reason', () => {
    expect(fail('u', 504, 'slow').status).toEqual({ code: 504, reason: 'Timeout', message: 'slow' });
    expect(fail('u', 500, 'broken').status?.reason).toBe('InternalError');
  });

  it('wraps a response in an AdmissionReview', () => {
    expect(JSON.parse(reviewBody(allow('u')))).toEqual({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u', allowed: true } });
  });
});
