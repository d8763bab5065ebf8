/**
 * The main job's workload: Grove's multi-node disaggregated sample (samples/), applied unchanged,
 * and watched until every pod is Ready and every PodGang is Initialized — the podcliqueset and
 * scalinggroup controllers at work, shown as it happens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { createGroveClient, LABEL, PodCliqueSetGVK, PodGangGVK, type PodCliqueSet } from '@grove/api';

export const SAMPLE_FILE = join('samples', 'multi-node-disaggregated.yaml');

export interface SampleProgress {
  readonly pods: number;
  readonly readyPods: number;
  readonly gangs: number;
  readonly initializedGangs: number;
  readonly availableReplicas: number;
}

function describe(p: SampleProgress): string {
  return `pods ready ${p.readyPods}/${p.pods}, PodGangs initialized ${p.initializedGangs}/${p.gangs}, PodCliqueSet available replicas ${p.availableReplicas}`;
}

/** Applies the sample (server-side apply: running it twice changes nothing) and returns it. */
export async function applySample(repoRoot: string, kubeconfig: string): Promise<PodCliqueSet> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const pcs = parse(readFileSync(join(repoRoot, SAMPLE_FILE), 'utf8')) as PodCliqueSet;
  const { name, namespace = 'default' } = pcs.metadata;
  if (name === undefined) throw new Error(`${SAMPLE_FILE} has no metadata.name`);
  const metadata = { ...pcs.metadata, name, namespace };
  await createGroveClient(kc).apply(PodCliqueSetGVK, { metadata, spec: pcs.spec }, { fieldManager: 'grove-demo', force: true });
  return pcs;
}

async function progressOf(kc: KubeConfig, pcs: PodCliqueSet): Promise<SampleProgress> {
  const namespace = pcs.metadata.namespace ?? 'default';
  const name = pcs.metadata.name ?? '';
  const grove = createGroveClient(kc);
  const selector = `${LABEL.partOf}=${name}`;
  const [pods, gangs, live] = await Promise.all([
    kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector: selector }),
    grove.list(PodGangGVK, { namespace, labelSelector: selector }),
    grove.get(PodCliqueSetGVK, { namespace, name }),
  ]);
  const ready = pods.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  const initialized = gangs.items.filter((g) => g.status?.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True'));
  return { pods: pods.items.length, readyPods: ready.length, gangs: gangs.items.length, initializedGangs: initialized.length, availableReplicas: live.status?.availableReplicas ?? 0 };
}

/** Prints progress whenever it changes, until the sample is up; rejects after `timeoutMs`. */
export async function watchSampleComeUp(kubeconfig: string, pcs: PodCliqueSet, report: (line: string) => void, timeoutMs = 180_000): Promise<SampleProgress> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const progress = await progressOf(kc, pcs);
    const line = describe(progress);
    if (line !== last) report(line);
    last = line;
    const up = progress.pods > 0 && progress.readyPods === progress.pods && progress.gangs > 0 && progress.initializedGangs === progress.gangs && progress.availableReplicas >= (pcs.spec.replicas ?? 0);
    if (up) return progress;
    if (Date.now() > deadline) throw new Error(`the sample did not come up within ${timeoutMs / 1000}s: ${line}`);
    await sleep(500);
  }
}
