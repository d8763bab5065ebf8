/**
 * Fuzz: at least 1,000 seeded random mutations of Grove's samples sent through the API server with
 * the webhook registered (dry run: full admission, nothing stored), then malformed requests sent
 * to the webhook port directly. Every answer must be an admission or a clean 4xx refusal with a
 * message, within the webhooks' 10 s timeout, and the webhook must still work afterwards.
 * Reproduce a run with GROVE_FUZZ_SEED (printed); GROVE_FUZZ_COUNT changes the count.
 */
import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import type { Outcome } from './support/api.js';
import { seededRandom } from '@grove/fixtures';
import { mutate, percentile } from './support/fuzz.js';
import { useAdmissionWebhook, useWebhookNamespace } from './support/harness.js';
import { aSample, clique, samples } from './support/samples.js';

const SEED = Number(process.env['GROVE_FUZZ_SEED'] ?? 20261129);
const COUNT = Number(process.env['GROVE_FUZZ_COUNT'] ?? 1000);
const CONCURRENCY = 6;
const TIMEOUT_MS = 10_000;

interface Result {
  readonly outcome: Outcome;
  readonly ms: number;
  readonly applied: string[];
}

function report(results: readonly Result[]): string {
  const count = (f: (o: Outcome) => boolean) => results.filter((r) => f(r.outcome)).length;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return [
    `fuzz seed=${SEED} requests=${results.length}`,
    `accepted=${count((o) => o.kind === 'admitted')}`,
    `rejected by CEL/schema=${count((o) => o.kind === 'rejected' && o.by === 'schema')}`,
    `rejected by webhook=${count((o) => o.kind === 'rejected' && o.by === 'webhook')}`,
    `rejected by decoding=${count((o) => o.kind === 'rejected' && o.by === 'decode')}`,
    `broken=${count((o) => o.kind === 'broken')}`,
    `latency p50=${percentile(ms, 50).toFixed(0)}ms p99=${percentile(ms, 99).toFixed(0)}ms max=${(ms[ms.length - 1] ?? 0).toFixed(0)}ms`,
  ].join(' ');
}

/** Runs `task` over `items` with a bounded number in flight. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function rawPost(port: number, body: string | Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/webhooks/default-podcliqueset', method: 'POST', rejectUnauthorized: false, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('no answer within 10 s')));
    req.end(body);
  });
}

describe('admission webhook: fuzz', () => {
  const harness = useAdmissionWebhook();
  const namespace = useWebhookNamespace(harness, 'fuzz');

  it(`answers ${COUNT} random mutations of valid manifests cleanly`, { timeout: 170_000 }, async () => {
    const random = seededRandom(SEED);
    const bases = [...samples().keys()].map((name) => aSample(name));
    const inputs = Array.from({ length: COUNT }, () => mutate(bases[Math.floor(random() * bases.length)], random));
    const { objects } = harness();
    const results = await pool(inputs, CONCURRENCY, async ({ object, applied }): Promise<Result> => {
      const started = performance.now();
      const outcome = await objects.createPodCliqueSet(namespace(), object, true);
      return { outcome, ms: performance.now() - started, applied };
    });
    process.stdout.write(`${report(results)}\n`);

    const broken = results.filter((r) => r.outcome.kind === 'broken');
    expect(broken.slice(0, 5).map((r) => ({ applied: r.applied, outcome: r.outcome }))).toEqual([]);
    for (const { outcome } of results) {
      if (outcome.kind === 'rejected') expect(outcome.message.length).toBeGreaterThan(0);
    }
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(TIMEOUT_MS);
    expect(results.filter((r) => r.outcome.kind === 'rejected' && r.outcome.by === 'webhook').length).toBeGreaterThan(0);

    // Still healthy: a valid object is admitted and a cycle is refused by the webhook.
    expect((await objects.createPodCliqueSet(namespace(), aSample('simple1'), true)).kind).toBe('admitted');
    const cycle = await objects.createPodCliqueSet(namespace(), aSample('simple2-explicit-startup-order', (p) => (clique(p, 0).spec.startsAfter = ['pcd'])), true);
    expect(cycle).toMatchObject({ kind: 'rejected', by: 'webhook' });
  });

  it('answers malformed requests sent straight to the webhook port with 4xx or a review, and keeps serving', async () => {
    const random = seededRandom(SEED + 1);
    const review = (object: unknown) => JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', object } });
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const bodies: (string | Buffer)[] = [
      '',
      'null',
      '{',
      deep,
      review(deep),
      Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256))),
      Buffer.alloc(8 * 1024 * 1024, 'x'),
      review({ spec: { template: { cliques: Array.from({ length: 50_000 }, (_, i) => ({ name: `c${i}`, spec: { podSpec: {}, startsAfter: [`c${(i + 1) % 50_000}`] } })) } } }),
      ...Array.from({ length: 200 }, () => review(mutate(aSample('simple1'), random).object)),
    ];
    const statuses = await pool(bodies, CONCURRENCY, (body) => rawPost(harness().port, body));
    expect(statuses.filter((s) => !(s === 200 || (s >= 400 && s < 500)))).toEqual([]);
    expect(await rawPost(harness().port, review(aSample('simple1')))).toBe(200);
  });
});
