/**
 * When to renew a serving certificate, as a pure function of its facts and the clock. Renewing
 * before expiry (when less than a fraction of the lifetime remains, like cert-manager's
 * `renewBefore`) leaves time for the API server to pick up a new CA bundle and for retries.
 */

export interface CertificateFacts {
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly dnsNames: readonly string[];
  readonly ips: readonly string[];
}

export interface RotationInput {
  readonly serving: CertificateFacts;
  readonly ca: Pick<CertificateFacts, 'notBefore' | 'notAfter'>;
  /** The names the serving certificate must carry (a changed Service or URL host means a new one). */
  readonly wanted: { readonly dnsNames: readonly string[]; readonly ips: readonly string[] };
  readonly now: Date;
  /** Renew when less than this fraction (0 < f < 1) of the lifetime remains, e.g. 0.2. */
  readonly renewBeforeFraction: number;
}

/**
 * `keep` until `renewAt`; `renew-leaf` reissues the serving certificate from the same CA (the CA
 * bundle in the webhook configurations stays valid); `renew-all` also replaces the CA.
 */
export type RotationDecision =
  | { readonly action: 'keep'; readonly renewAt: Date }
  | { readonly action: 'renew-leaf' | 'renew-all'; readonly reason: string };

function renewAt(facts: Pick<CertificateFacts, 'notBefore' | 'notAfter'>, fraction: number): Date {
  const lifetime = facts.notAfter.getTime() - facts.notBefore.getTime();
  return new Date(facts.notAfter.getTime() - lifetime * fraction);
}

function missingNames(serving: CertificateFacts, wanted: RotationInput['wanted']): string[] {
  return [
    ...wanted.dnsNames.filter((name) => !serving.dnsNames.includes(name)),
    ...wanted.ips.filter((ip) => !serving.ips.includes(ip)),
  ];
}

export function rotationDecision(input: RotationInput): RotationDecision {
  const { serving, ca, now, renewBeforeFraction: fraction } = input;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`renewBeforeFraction must be in (0, 1), got ${fraction}`);
  const percent = `${Math.round(fraction * 100)}%`;
  if (now >= ca.notAfter || now < ca.notBefore) return { action: 'renew-all', reason: 'CA certificate is not valid now' };
  const caRenewAt = renewAt(ca, fraction);
  if (now >= caRenewAt) return { action: 'renew-all', reason: `less than ${percent} of the CA lifetime remains` };
  // A serving certificate that outlives its CA would fail verification first; renew it with the CA.
  if (serving.notAfter > ca.notAfter) return { action: 'renew-all', reason: 'serving certificate outlives its CA' };
  if (now >= serving.notAfter || now < serving.notBefore) return { action: 'renew-leaf', reason: 'serving certificate is not valid now' };
  const missing = missingNames(serving, input.wanted);
  if (missing.length > 0) return { action: 'renew-leaf', reason: `serving certificate lacks ${missing.join(', ')}` };
  const leafRenewAt = renewAt(serving, fraction);
  if (now >= leafRenewAt) return { action: 'renew-leaf', reason: `less than ${percent} of the serving certificate lifetime remains` };
  return { action: 'keep', renewAt: leafRenewAt < caRenewAt ? leafRenewAt : caRenewAt };
}
