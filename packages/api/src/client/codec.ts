/**
 * Custom-object calls return raw JSON, but the generated types embed @kubernetes/client-node
 * models, which promise `Date` timestamps (and a few renamed fields, e.g. `_continue`). `decode`
 * converts the embedded parts a descriptor's `models` point at, using each model's own
 * attribute map, so that objects match their types; `encode` reverses it for request bodies.
 * Fields a model does not know are kept as they are, so a read-modify-write loses nothing.
 */
import * as clientNode from '@kubernetes/client-node';
import type { ModelPaths } from '../generated/index.js';

interface Attribute {
  readonly name: string;
  readonly baseName: string;
  readonly type: string;
}

type Direction = 'decode' | 'encode';

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

function attributes(model: string): readonly Attribute[] | undefined {
  const cls = (clientNode as Record<string, unknown>)[model];
  if (typeof cls !== 'function') return undefined;
  const map = (cls as { getAttributeTypeMap?: () => unknown }).getAttributeTypeMap?.();
  return Array.isArray(map) ? (map as Attribute[]) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function convertType(value: unknown, type: string, dir: Direction): unknown {
  if (value === null || value === undefined) return value;
  if (type === 'Date') {
    if (dir === 'decode') return typeof value === 'string' ? new Date(value) : value;
    // metav1.Time has whole seconds: write them the way the API server does.
    return value instanceof Date ? value.toISOString().replace('.000Z', 'Z') : value;
  }
  const array = ARRAY.exec(type);
  if (array?.[1] !== undefined) return Array.isArray(value) ? value.map((v) => convertType(v, array[1] ?? '', dir)) : value;
  const map = MAP.exec(type);
  if (map?.[1] !== undefined && isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertType(v, map[1] ?? '', dir)]));
  }
  return convertModel(value, type, dir);
}

function convertModel(value: unknown, model: string, dir: Direction): unknown {
  const attrs = attributes(model);
  if (!attrs || !isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const attr of attrs) {
    const [from, to] = dir === 'decode' ? [attr.baseName, attr.name] : [attr.name, attr.baseName];
    if (!(from in value)) continue;
    delete out[from];
    out[to] = convertType(value[from], attr.type, dir);
  }
  return out;
}

function convertPaths(value: unknown, paths: ModelPaths, dir: Direction): unknown {
  if (value === null || value === undefined) return value;
  if (typeof paths === 'string') return convertModel(value, paths, dir);
  if (Array.isArray(paths)) {
    const item = paths[0] as ModelPaths;
    return Array.isArray(value) ? value.map((v) => convertPaths(v, item, dir)) : value;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [field, inner] of Object.entries(paths as Record<string, ModelPaths>)) {
    if (field === '*') {
      for (const [k, v] of Object.entries(value)) out[k] = convertPaths(v, inner, dir);
    } else if (field in value) {
      out[field] = convertPaths(value[field], inner, dir);
    }
  }
  return out;
}

/** Raw JSON (from a response or a watch event) → the shape the generated type describes. */
export function decode<T>(raw: unknown, descriptor: { readonly models: ModelPaths }): T {
  return convertPaths(raw, descriptor.models, 'decode') as T;
}

/** A generated object (or part of one) → the JSON the API server expects. */
export function encode(value: unknown, descriptor: { readonly models: ModelPaths }): unknown {
  return convertPaths(value, descriptor.models, 'encode');
}

/** Decodes one client-node model (e.g. the `V1Scale` of a scale subresource). */
export function decodeModel<T>(raw: unknown, model: string): T {
  return convertModel(raw, model, 'decode') as T;
}
