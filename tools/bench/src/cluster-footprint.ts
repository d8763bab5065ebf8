/**
 * Local cluster footprint: start-up time and resident memory of each control-plane process at idle,
 * with N KWOK nodes. Runs a private cluster (own state folder and ports) so other work does not skew it.
 *
 *   npx nx run @grove/bench:bench:cluster                # 100 and 1000 nodes
 *   node tools/bench/bin/run.mjs tools/bench/src/cluster-footprint.ts 8 100 1000
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { down, parseCommand, residentBytes, silentProgress, status, up } from '@grove/cluster';

const IDLE_SECONDS = 30;
const counts = process.argv.slice(2).map(Number);
const nodeCounts = counts.length > 0 ? counts : [100, 1000];

function opts(stateDir: string, nodes: number) {
  const env = { ...process.env, GROVE_CLUSTER_DIR: stateDir };
  return { ...parseCommand(['up', '--nodes', String(nodes), '--port-base', '18440'], env).options, progress: silentProgress };
}

function memoryTable(stateDir: string): { rows: string[]; totalMiB: number } {
  let total = 0;
  const rows = status(opts(stateDir, 0)).map((s) => {
    const mib = (residentBytes(s.pid ?? -1) ?? 0) / 1024 / 1024;
    total += mib;
    return `${s.name.padEnd(26)}${mib.toFixed(0).padStart(8)} MiB`;
  });
  return { rows, totalMiB: total };
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'grove-footprint-'));
  try {
    let started = Date.now();
    await up(opts(stateDir, 0));
    process.stdout.write(`control plane start (cold state, cached binaries): ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    for (const nodes of nodeCounts) {
      started = Date.now();
      await up(opts(stateDir, nodes));
      const ready = (Date.now() - started) / 1000;
      await sleep(IDLE_SECONDS * 1000);
      const { rows, totalMiB } = memoryTable(stateDir);
      process.stdout.write(`\n${nodes} KWOK nodes (Ready after ${ready.toFixed(1)}s; memory after ${IDLE_SECONDS}s idle)\n`);
      process.stdout.write(rows.map((r) => `  ${r}\n`).join(''));
      process.stdout.write(`  ${'total'.padEnd(26)}${totalMiB.toFixed(0).padStart(8)} MiB\n`);
    }
  } finally {
    await down(opts(stateDir, 0), true);
  }
}

await main();
