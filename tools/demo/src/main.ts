/**
 * The main job: bring up (or reuse) the local cluster, run every controller against it, show that
 * each one became ready, then apply Grove's multi-node disaggregated sample and show it come up.
 * Stays in the foreground until Ctrl-C, or exits once the sample is up with --once.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCommand, REPO_ROOT, stderrProgress, up } from '@grove/cluster';
import { DEPLOYABLES, launchCommand } from './deployables.js';
import { applySample, SAMPLE_FILE, watchSampleComeUp } from './sample-workload.js';
import { startApp, stopApp, waitReady, type RunningApp } from './supervise.js';

/** The sample names no scheduler: its pods go to the gang scheduler, which places each PodGang whole. */
const DEMO_ARGS: Readonly<Record<string, readonly string[]>> = {
  'podcliqueset-controller': ['--default-scheduler=podgang-scheduler'],
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { once: { type: 'boolean' } }, strict: false });
  const progress = stderrProgress();
  const cluster = await up({ ...parseCommand(['up'], process.env).options, progress });
  const logDir = join(REPO_ROOT, '.cache', 'run', 'logs');
  const running: RunningApp[] = DEPLOYABLES.map((app) =>
    startApp(app, launchCommand(REPO_ROOT, app, cluster.kubeconfig, app.healthPort, DEMO_ARGS[app.name] ?? []), logDir, app.healthPort),
  );
  const stopAll = async () => Promise.all(running.map(stopApp));
  try {
    for (const app of running) {
      const ms = await waitReady(app, 60_000);
      progress(`${app.app.name} ready in ${(ms / 1000).toFixed(1)}s: http://127.0.0.1:${app.port}/readyz (log: ${app.logFile})`);
    }
    progress(`applying ${SAMPLE_FILE}`);
    const started = Date.now();
    const sample = await applySample(REPO_ROOT, cluster.kubeconfig, progress);
    const up = await watchSampleComeUp(cluster.kubeconfig, sample, (line) => progress(line));
    progress(`${sample.metadata.name} is up in ${((Date.now() - started) / 1000).toFixed(1)}s: ${up.readyPods} pods ready, ${up.initializedGangs} PodGangs initialized, ${up.scheduledGangs} scheduled by the podgang-scheduler`);
  } catch (err) {
    await stopAll();
    throw err;
  }
  process.stdout.write(
    `\nGrove is running on the local cluster, with ${SAMPLE_FILE} applied.\n` +
      `  export KUBECONFIG=${cluster.kubeconfig} PATH=${cluster.binDir}:$PATH\n` +
      `  kubectl get pcs,pcsg,pclq,pg,pods -o wide\n` +
      `  kubectl scale pcsg multinode-disaggregated-0-prefill --replicas=3   # a third prefill replica, in its own PodGang\n`,
  );
  if (values['once']) {
    const codes = await stopAll();
    progress(`stopped the controllers (exit codes ${codes.join(', ')}); the cluster keeps running (npx grove-cluster down)`);
    return;
  }
  progress('press Ctrl-C to stop the controllers (the cluster keeps running: npx grove-cluster down)');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stopAll();
}

main().catch((err: unknown) => {
  process.stderr.write(`grove-demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
