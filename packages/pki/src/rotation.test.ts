import { describe, expect, it } from 'vitest';
import { rotationDecision, type CertificateFacts, type RotationInput } from './rotation.js';

const DAY = 86_400_000;
const t0 = new Date('2030-01-01T00:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

const serving: CertificateFacts = { notBefore: t0, notAfter: at(100), dnsNames: ['svc'], ips: ['127.0.0.1'] };
const ca = { notBefore: t0, notAfter: at(1000) };
const base: RotationInput = { serving, ca, wanted: { dnsNames: ['svc'], ips: ['127.0.0.1'] }, now: at(10), renewBeforeFraction: 0.2 };

describe('rotationDecision', () => {
  it.each<[string, Partial<RotationInput>, string]>([
    ['fresh certificates are kept', {}, 'keep'],
    ['just before 80% of the leaf lifetime', { now: at(79.9) }, 'keep'],
    ['at 80% of the leaf lifetime the leaf is renewed', { now: at(80) }, 'renew-leaf'],
    ['an expired leaf is renewed', { now: at(101) }, 'renew-leaf'],
    ['a leaf not valid yet is renewed', { serving: { ...serving, notBefore: at(20) } }, 'renew-leaf'],
    ['a missing DNS name renews the leaf', { wanted: { dnsNames: ['svc', 'other'], ips: [] } }, 'renew-leaf'],
    ['a missing IP renews the leaf', { wanted: { dnsNames: [], ips: ['10.0.0.1'] } }, 'renew-leaf'],
    ['a CA near its end renews everything', { now: at(800), serving: { ...serving, notBefore: at(790), notAfter: at(890) } }, 'renew-all'],
    ['an expired CA renews everything', { now: at(1001) }, 'renew-all'],
    ['a leaf outliving its CA renews everything', { serving: { ...serving, notAfter: at(2000) } }, 'renew-all'],
  ])('%s', (_name, override, action) => {
    expect(rotationDecision({ ...base, ...override }).action).toBe(action);
  });

  it('says when to look again: the earlier of the leaf and CA renewal points', () => {
    expect(rotationDecision(base)).toEqual({ action: 'keep', renewAt: at(80) });
    const longLeaf = { ...serving, notAfter: at(1000) };
    expect(rotationDecision({ ...base, serving: longLeaf })).toEqual({ action: 'keep', renewAt: at(800) });
  });

  it('names the reason for a renewal', () => {
    expect(rotationDecision({ ...base, now: at(85) })).toEqual({
      action: 'renew-leaf',
      reason: 'less than 20% of the serving certificate lifetime remains',
    });
    expect(rotationDecision({ ...base, wanted: { dnsNames: ['x'], ips: [] } })).toMatchObject({ reason: 'serving certificate lacks x' });
  });

  it.each([0, 1, -0.5, Number.NaN])('rejects the fraction %s', (fraction) => {
    expect(() => rotationDecision({ ...base, renewBeforeFraction: fraction })).toThrow(RangeError);
  });
});
