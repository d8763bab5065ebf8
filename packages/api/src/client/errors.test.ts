import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ApiError, isAlreadyExists, isConflict, isNotFound, toApiError } from './errors.js';

const status = (code: number, reason: string, message: string, causes: unknown[] = []) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, details: { causes } });

describe('toApiError', () => {
  it('reads code, reason, message and causes from the Status body, with the operation as context', () => {
    const cause = { type: 'FieldValueInvalid', field: 'spec.replicas', message: 'must be >= 0' };
    const raw = new ApiException(422, 'Unprocessable', status(422, 'Invalid', 'PodCliqueSet.grove.io "x" is invalid', [cause]), {});
    const err = toApiError(raw, 'create grove.io/v1alpha1 PodCliqueSet ns/x');
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 422, reason: 'Invalid', serverMessage: 'PodCliqueSet.grove.io "x" is invalid', causes: [cause] });
    expect(err.message).toBe('create grove.io/v1alpha1 PodCliqueSet ns/x: PodCliqueSet.grove.io "x" is invalid');
    expect(err.cause).toBe(raw);
  });

  it('copes with a body that is not a Status', () => {
    const err = toApiError(new ApiException(503, 'x', 'upstream gone', {}), 'get a');
    expect(err).toMatchObject({ code: 503, reason: 'Unknown', serverMessage: 'HTTP 503' });
  });

  it('wraps network errors with code 0', () => {
    const err = toApiError(new Error('connect ECONNREFUSED'), 'list b');
    expect(err).toMatchObject({ code: 0, reason: 'Unknown', message: 'list b: connect ECONNREFUSED' });
  });

  it('classifies by code and reason', () => {
    const nf = toApiError(new ApiException(404, '', status(404, 'NotFound', 'not found'), {}), 'get');
    const ae = toApiError(new ApiException(409, '', status(409, 'AlreadyExists', 'exists'), {}), 'create');
    expect([isNotFound(nf), isAlreadyExists(nf), isConflict(nf)]).toEqual([true, false, false]);
    expect([isNotFound(ae), isAlreadyExists(ae), isConflict(ae)]).toEqual([false, true, true]);
  });
});
