/** Health probes and the wait loop that races them against the component exiting early. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProbeTls {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** For components that serve with a self-signed certificate of their own. */
  readonly insecure?: boolean;
}

export interface ProbeResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** GET a URL; ok when it answers 200 within the timeout. Never throws. */
export function httpProbe(url: string, tls: ProbeTls = {}, timeoutMs = 2_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const isHttps = url.startsWith('https:');
    const options = isHttps
      ? { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: !tls.insecure, timeout: timeoutMs }
      : { timeout: timeoutMs };
    const req = (isHttps ? httpsRequest : httpRequest)(url, options, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ ok: res.statusCode === 200, detail: `HTTP ${res.statusCode}: ${body.slice(0, 200)}` }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs}ms`)));
    req.on('error', (err) => resolve({ ok: false, detail: err.message }));
    req.end();
  });
}

export type WaitOutcome =
  | { readonly kind: 'healthy'; readonly afterMs: number }
  | { readonly kind: 'exited'; readonly how: string }
  | { readonly kind: 'timeout'; readonly lastDetail: string };

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Resolves if the component ends; the wait stops at once instead of running out the clock. */
  readonly exited?: Promise<string>;
  readonly now?: () => number;
}

/** Polls `probe` until it succeeds, the component exits, or the timeout passes. */
export async function waitHealthy(probe: () => Promise<ProbeResult>, opts: WaitOptions): Promise<WaitOutcome> {
  const now = opts.now ?? Date.now;
  const start = now();
  let exitedHow: string | undefined;
  void opts.exited?.then((how) => (exitedHow = how));
  let lastDetail = 'not probed yet';
  for (;;) {
    if (exitedHow !== undefined) return { kind: 'exited', how: exitedHow };
    const result = await probe();
    if (result.ok) return { kind: 'healthy', afterMs: now() - start };
    lastDetail = result.detail;
    if (exitedHow !== undefined) return { kind: 'exited', how: exitedHow };
    if (now() - start >= opts.timeoutMs) return { kind: 'timeout', lastDetail };
    await sleep(opts.intervalMs ?? 200);
  }
}
