#!/usr/bin/env node
/** grove-cluster: the local control plane's command line. Errors print as one line; exit 1 (2 for usage). */
import { loadVersions } from './versions.js';
import { ensureToolsets } from './build.js';
import { down, status, up } from './cluster.js';
import { ClusterError } from './errors.js';
import { parseCommand, USAGE, UsageError } from './options.js';
import { residentBytes } from './processes.js';
import { stderrProgress } from './progress.js';
import { stateLayout } from './layout.js';

function mib(bytes: number | undefined): string {
  return bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function printStatus(stateDir: string, portBase: number): void {
  const states = status({ stateDir, portBase });
  let total = 0;
  for (const s of states) {
    const rss = s.pid === undefined ? undefined : residentBytes(s.pid);
    total += rss ?? 0;
    const state = s.running ? `running pid ${s.pid}` : 'stopped';
    process.stdout.write(`${s.name.padEnd(24)} ${state.padEnd(18)} ${mib(rss).padStart(9)}  ${s.logFile}\n`);
  }
  process.stdout.write(`${'total resident memory'.padEnd(43)} ${mib(total).padStart(9)}\n`);
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCommand(argv, process.env);
  if (parsed.help || parsed.command === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const progress = stderrProgress();
  const opts = { ...parsed.options, progress };
  switch (parsed.command) {
    case 'build':
      await ensureToolsets(loadVersions(opts.versionsFile), opts.cacheDir, progress);
      return;
    case 'up': {
      const info = await up(opts);
      progress(`cluster ready: ${info.server} (${opts.pool.count} KWOK nodes)`);
      process.stdout.write(`export KUBECONFIG=${info.kubeconfig} PATH=${info.binDir}:$PATH\n`);
      return;
    }
    case 'down':
      await down(opts, parsed.purge);
      return;
    case 'status':
      printStatus(opts.stateDir, opts.portBase);
      return;
    case 'env': {
      const layout = stateLayout(opts.stateDir);
      process.stdout.write(`export KUBECONFIG=${layout.adminKubeconfig} PATH=${layout.binDir}:$PATH\n`);
      return;
    }
    default:
      throw new UsageError(`unknown command "${parsed.command}"`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`grove-cluster: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const message = err instanceof ClusterError ? err.message : err instanceof Error ? err.message : String(err);
  process.stderr.write(`grove-cluster: ${message}\n`);
  process.exit(1);
});
