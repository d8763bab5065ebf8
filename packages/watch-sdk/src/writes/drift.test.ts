import { describe, expect, it } from 'vitest';
import { containsDesired } from './drift.js';

describe('containsDesired', () => {
  const cached = {
    metadata: { name: 'a', labels: { x: '1', added: 'by-someone' }, resourceVersion: '7' },
    spec: { ports: [{ port: 80, protocol: 'TCP' }], clusterIP: 'None', replicas: 2 },
  };

  it.each([
    ['the same fields', { metadata: { name: 'a', labels: { x: '1' } }, spec: { clusterIP: 'None' } }, true],
    ['list items with server defaults', { spec: { ports: [{ port: 80 }] } }, true],
    ['a changed scalar', { spec: { replicas: 3 } }, false],
    ['a missing label', { metadata: { labels: { y: '2' } } }, false],
    ['a list of another length', { spec: { ports: [{ port: 80 }, { port: 81 }] } }, false],
    ['an object where a scalar is', { spec: { clusterIP: { v: 1 } } }, false],
    ['an empty map or list the server dropped', { metadata: { annotations: {} }, spec: { finalizers: [] } }, true],
    ['a field the cache lacks', { metadata: { created: new Date('2026-01-01T00:00:00Z') } }, false],
  ])('%s → %s', (_name, desired, expected) => {
    expect(containsDesired(cached, desired)).toBe(expected);
  });

  it('compares Dates with their RFC 3339 form', () => {
    expect(containsDesired({ t: '2026-01-01T00:00:00Z' }, { t: new Date('2026-01-01T00:00:00Z') })).toBe(true);
  });
});
