/**
 * admission.k8s.io/v1 AdmissionReview: parsing a request body defensively (anything may arrive on
 * the port, not only the API server's well-formed reviews) and building responses. Pure.
 */
import { aggregateMessage, type FieldError, type JsonPatchOperation } from '@grove/admission';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** The parts of an AdmissionRequest the handlers read; `object` and `oldObject` stay `unknown` until checked. */
export interface AdmissionRequest {
  readonly uid: string;
  readonly operation: Operation;
  readonly namespace?: string;
  readonly name?: string;
  readonly object: unknown;
  readonly oldObject: unknown;
  readonly dryRun: boolean;
}

export interface AdmissionStatus {
  readonly code: number;
  readonly reason?: string;
  readonly message: string;
  readonly details?: { readonly causes: readonly { readonly reason: string; readonly field: string; readonly message: string }[] };
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: AdmissionStatus;
  readonly patch?: string;
  readonly patchType?: 'JSONPatch';
  readonly warnings?: readonly string[];
}

export type ParsedReview = { readonly ok: true; readonly request: AdmissionRequest } | { readonly ok: false; readonly problem: string };

const OPERATIONS: readonly Operation[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];
const API_VERSION = 'admission.k8s.io/v1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses a request body; problems are reported, never thrown. */
export function parseAdmissionReview(body: string): ParsedReview {
  let review: unknown;
  try {
    review = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'body is not JSON' };
  }
  if (!isRecord(review)) return { ok: false, problem: 'body is not a JSON object' };
  if (review['apiVersion'] !== API_VERSION || review['kind'] !== 'AdmissionReview') {
    return { ok: false, problem: `expected apiVersion ${API_VERSION} and kind AdmissionReview` };
  }
  const request = review['request'];
  if (!isRecord(request)) return { ok: false, problem: 'request is missing' };
  const { uid, operation } = request;
  if (typeof uid !== 'string' || uid === '') return { ok: false, problem: 'request.uid is missing' };
  if (!OPERATIONS.includes(operation as Operation)) return { ok: false, problem: 'request.operation is not one of CREATE, UPDATE, DELETE, CONNECT' };
  const namespace = optionalString(request['namespace']);
  const name = optionalString(request['name']);
  return {
    ok: true,
    request: {
      uid,
      operation: operation as Operation,
      ...(namespace && { namespace }),
      ...(name && { name }),
      object: request['object'],
      oldObject: request['oldObject'],
      dryRun: request['dryRun'] === true,
    },
  };
}

/** Bounds what goes back to the API server: it truncates long warnings anyway, and a hostile object must not blow up the answer. */
const MAX_WARNINGS = 20;
const MAX_WARNING_LENGTH = 256;
const MAX_CAUSES = 50;

function boundedWarnings(warnings: readonly string[]): { warnings?: readonly string[] } {
  if (warnings.length === 0) return {};
  return { warnings: warnings.slice(0, MAX_WARNINGS).map((w) => (w.length > MAX_WARNING_LENGTH ? `${w.slice(0, MAX_WARNING_LENGTH - 3)}...` : w)) };
}

export function allow(uid: string, warnings: readonly string[] = [], patch: readonly JsonPatchOperation[] = []): AdmissionResponse {
  const patchFields = patch.length > 0 ? { patch: Buffer.from(JSON.stringify(patch)).toString('base64'), patchType: 'JSONPatch' as const } : {};
  return { uid, allowed: true, ...patchFields, ...boundedWarnings(warnings) };
}

/** A denial like the API server's own validation errors: 422 Invalid, one cause per field error. */
export function deny(uid: string, errors: readonly FieldError[], warnings: readonly string[] = []): AdmissionResponse {
  const causes = errors.slice(0, MAX_CAUSES).map((e) => ({ reason: e.type, field: e.field, message: e.detail }));
  const status: AdmissionStatus = { code: 422, reason: 'Invalid', message: aggregateMessage(errors.slice(0, MAX_CAUSES)), details: { causes } };
  return { uid, allowed: false, status, ...boundedWarnings(warnings) };
}

/** A denial for something other than the object's content (a lookup failed, the handler timed out). */
export function fail(uid: string, code: number, message: string): AdmissionResponse {
  return { uid, allowed: false, status: { code, reason: code === 504 ? 'Timeout' : 'InternalError', message } };
}

export function reviewBody(response: AdmissionResponse): string {
  return JSON.stringify({ apiVersion: API_VERSION, kind: 'AdmissionReview', response });
}
