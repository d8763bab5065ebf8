/**
 * Where the webhook's TLS material comes from, and how it stays fresh. `GeneratedCertificates`
 * creates a CA and serving certificate itself (kept in memory, or in a Secret so replicas share
 * them) and renews them when @grove/pki's rotation decision says so; `FileCertificates` reads
 * externally provided files (cert-manager, an admin) and picks up their replacements.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  certificateFacts,
  createServingBundle,
  isConsistentBundle,
  renewServingLeaf,
  rotationDecision,
  type ServingBundle,
  type ServingSpec,
} from '@grove/pki';
import type { Logger } from '@grove/telemetry';

/** What the server and the webhook configurations need. */
export interface TlsMaterial {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface CertificateSource {
  /** Loads, or creates, valid material; called once before serving. */
  ensure(): Promise<TlsMaterial>;
  /** Keeps checking until `signal` aborts; `onChange` gets every replacement. */
  watch(signal: AbortSignal, onChange: (material: TlsMaterial) => Promise<void>): Promise<void>;
}

/** Persists the generated bundle (memory for one process, a Secret for several replicas). */
export interface BundleStore {
  load(): Promise<ServingBundle | undefined>;
  /** Stores `bundle` and returns what is stored now (another replica may have won a race). */
  save(bundle: ServingBundle): Promise<ServingBundle>;
}

export function memoryStore(): BundleStore {
  let stored: ServingBundle | undefined;
  return {
    load: async () => stored,
    save: async (bundle) => (stored = bundle),
  };
}

export interface GeneratedCertificatesDeps {
  readonly store: BundleStore;
  readonly spec: ServingSpec;
  readonly logger: Pick<Logger, 'info' | 'error'>;
  /** Renew when less than this fraction of a lifetime remains. */
  readonly renewBeforeFraction?: number;
  /** Longest pause between checks (a shared Secret may change under us). */
  readonly checkIntervalMs?: number;
  readonly now?: () => Date;
}

const DEFAULT_RENEW_BEFORE = 0.2;
const DEFAULT_CHECK_INTERVAL_MS = 10 * 60_000;

export class GeneratedCertificates implements CertificateSource {
  private current: ServingBundle | undefined;

  constructor(private readonly deps: GeneratedCertificatesDeps) {}

  async ensure(): Promise<TlsMaterial> {
    const stored = await this.deps.store.load();
    const usable = stored !== undefined && isConsistentBundle(stored) ? stored : undefined;
    const next = usable ? await this.renewed(usable) : await createServingBundle({ ...this.deps.spec, now: this.now() });
    this.current = next === stored ? next : await this.deps.store.save(next);
    if (next !== stored) this.deps.logger.info({ notAfter: certificateFacts(this.current.certPem).notAfter }, 'webhook certificate issued');
    return this.current;
  }

  async watch(signal: AbortSignal, onChange: (material: TlsMaterial) => Promise<void>): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.delayMs(), undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      const before = this.current;
      try {
        const after = await this.ensure();
        if (after.certPem !== before?.certPem) await onChange(after);
      } catch (err) {
        this.deps.logger.error({ err }, 'webhook certificate renewal failed, retrying');
      }
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private decide(bundle: ServingBundle) {
    return rotationDecision({
      serving: certificateFacts(bundle.certPem),
      ca: certificateFacts(bundle.caPem),
      wanted: { dnsNames: this.deps.spec.dnsNames, ips: this.deps.spec.ips },
      now: this.now(),
      renewBeforeFraction: this.deps.renewBeforeFraction ?? DEFAULT_RENEW_BEFORE,
    });
  }

  private async renewed(bundle: ServingBundle): Promise<ServingBundle> {
    const decision = this.decide(bundle);
    if (decision.action === 'keep') return bundle;
    this.deps.logger.info({ action: decision.action, reason: decision.reason }, 'renewing webhook certificate');
    const spec = { ...this.deps.spec, now: this.now() };
    return decision.action === 'renew-leaf' ? renewServingLeaf(bundle, spec) : createServingBundle(spec);
  }

  private delayMs(): number {
    const interval = this.deps.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
    if (!this.current) return interval;
    const decision = this.decide(this.current);
    const untilRenewal = decision.action === 'keep' ? decision.renewAt.getTime() - this.now().getTime() : 0;
    return Math.max(0, Math.min(interval, untilRenewal));
  }
}

/** `tls.crt`, `tls.key` and `ca.crt` in a folder (a mounted Secret), re-read every interval. */
export class FileCertificates implements CertificateSource {
  private current: TlsMaterial | undefined;

  constructor(
    private readonly dir: string,
    private readonly intervalMs = 60_000,
  ) {}

  async ensure(): Promise<TlsMaterial> {
    const read = (file: string) => readFile(join(this.dir, file), 'utf8');
    const [certPem, keyPem, caPem] = await Promise.all([read('tls.crt'), read('tls.key'), read('ca.crt')]).catch((err: unknown) => {
      throw new Error(`reading webhook certificates from ${this.dir} failed`, { cause: err });
    });
    if (!isConsistentBundle({ caPem, certPem, keyPem })) {
      throw new Error(`webhook certificates in ${this.dir} do not belong together (tls.crt must be signed by ca.crt and match tls.key)`);
    }
    this.current = { caPem, certPem, keyPem };
    return this.current;
  }

  async watch(signal: AbortSignal, onChange: (material: TlsMaterial) => Promise<void>): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.intervalMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      const before = this.current;
      // A half-written replacement fails the consistency check; the next round picks it up.
      const after = await this.ensure().catch(() => before);
      if (after && after.certPem !== before?.certPem) await onChange(after);
    }
  }
}
