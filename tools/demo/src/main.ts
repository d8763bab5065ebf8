/**
 * The main job: bring up (or reuse) the local cluster, run every controller against it, and show
 * that each one connected and became ready. Stays in the foreground until Ctrl-C, or exits after
 * the check with --once. Later issues grow this into a sample inference workload.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCommand, REPO_ROOT, stderrProgress, up } from '@grove/cluster';
import { DEPLOYABLES, launchCommand } from './deployables.js';
import { startApp, stopApp, waitReady, type RunningApp } from './supervise.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { once: { type: 'boolean' } }, strict: false });
  const progress = stderrProgress();
  const cluster = await up({ ...parseCommand(['up'], process.env).options, progress });
  const logDir = join(REPO_ROOT, '.cache', 'run', 'logs');
  const running: RunningApp[] = DEPLOYABLES.map((app) =>
    startApp(app, launchCommand(REPO_ROOT, app, cluster.kubeconfig), logDir, app.healthPort),
  );
  const stopAll = async () => Promise.all(running.map(stopApp));
  try {
    for (const app of running) {
      const ms = await waitReady(app, 60_000);
      progress(`${app.app.name} ready in ${(ms / 1000).toFixed(1)}s: http://127.0.0.1:${app.port}/readyz (log: ${app.logFile})`);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  process.stdout.write(
    `\nGrove is running on the local cluster.\n  export KUBECONFIG=${cluster.kubeconfig} PATH=${cluster.binDir}:$PATH\n  kubectl get nodes -L topology.grove.io/rack\n`,
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
