/**
 * The main job's workload: Grove's multi-node disaggregated sample (samples/), applied unchanged,
 * and watched until every pod is Ready and every PodGang is Initialized and Scheduled — the
 * podcliqueset and scalinggroup controllers and the podgang-scheduler at work, shown as it happens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { createGroveClient, isNotFound, LABEL, PodCliqueSetGVK, PodGangGVK, type PodCliqueSet } from '@grove/api';

export const SAMPLE_FILE = join('samples', 'multi-node-disaggregated.yaml');

export interface SampleProgress {
  readonly pods: number;
  readonly readyPods: number;
  readonly gangs: number;
  readonly initializedGangs: number;
  /** PodGangs the podgang-scheduler placed (`Scheduled=True`). */
  readonly scheduledGangs: number;
  readonly availableReplicas: number;
}

function describe(p: SampleProgress): string {
  return `pods ready ${p.readyPods}/${p.pods}, PodGangs initialized ${p.initializedGangs}/${p.gangs} scheduled ${p.scheduledGangs}/${p.gangs}, PodCliqueSet available replicas ${p.availableReplicas}`;
}

/**
 * Applies the sample and returns it. A copy left by an earlier run is deleted first (and waited
 * for), so every run shows the whole flow: pods created, gangs scheduled, pods Ready.
 */
export async function applySample(repoRoot: string, kubeconfig: string, report: (line: string) => void = () => undefined): Promise<PodCliqueSet> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const grove = createGroveClient(kc);
  const pcs = parse(readFileSync(join(repoRoot, SAMPLE_FILE), 'utf8')) as PodCliqueSet;
  const { name, namespace = 'default' } = pcs.metadata;
  if (name === undefined) throw new Error(`${SAMPLE_FILE} has no metadata.name`);
  if (await removeEarlierCopy(kc, namespace, name)) report(`removed ${namespace}/${name} left from an earlier run`);
  const metadata = { ...pcs.metadata, name, namespace };
  await grove.apply(PodCliqueSetGVK, { metadata, spec: pcs.spec }, { fieldManager: 'grove-demo', force: true });
  return pcs;
}

/** Deletes the PodCliqueSet and waits until it and its pods are gone; false when there was none. */
async function removeEarlierCopy(kc: KubeConfig, namespace: string, name: string, timeoutMs = 120_000): Promise<boolean> {
  const grove = createGroveClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  try {
    await grove.delete(PodCliqueSetGVK, { namespace, name });
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = await core.listNamespacedPod({ namespace, labelSelector: `${LABEL.partOf}=${name}` });
    const pcsLeft = await grove.get(PodCliqueSetGVK, { namespace, name }).then(() => true, (err: unknown) => (isNotFound(err) ? false : Promise.reject(err)));
    if (!pcsLeft && pods.items.length === 0) return true;
    if (Date.now() > deadline) throw new Error(`${namespace}/${name} from an earlier run is still being deleted after ${timeoutMs / 1000}s`);
    await sleep(500);
  }
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
  const gangsWith = (type: string) => gangs.items.filter((g) => g.status?.conditions?.some((c) => c.type === type && c.status === 'True')).length;
  return {
    pods: pods.items.length,
    readyPods: ready.length,
    gangs: gangs.items.length,
    initializedGangs: gangsWith('Initialized'),
    scheduledGangs: gangsWith('Scheduled'),
    availableReplicas: live.status?.availableReplicas ?? 0 };
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
    const up = progress.pods > 0 && progress.readyPods === progress.pods && progress.gangs > 0 && progress.initializedGangs === progress.gangs && progress.scheduledGangs === progress.gangs && progress.availableReplicas >= (pcs.spec.replicas ?? 0);
    if (up) return progress;
    if (Date.now() > deadline) throw new Error(`the sample did not come up within ${timeoutMs / 1000}s: ${line}`);
    await sleep(500);
  }
}
