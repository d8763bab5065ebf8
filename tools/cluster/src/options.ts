/** Command-line options of the cluster tool, with defaults from the environment. Pure apart from env/paths. */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClusterOptions } from './cluster.js';
import { DEFAULT_PORT_BASE } from './layout.js';
import { DEFAULT_CAPACITY, DEFAULT_TOPOLOGY } from './nodes.js';

export const TOOL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(TOOL_DIR, '..', '..');

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTION_SPEC = {
  nodes: { type: 'string' },
  'gpus-per-node': { type: 'string' },
  'cpu-per-node': { type: 'string' },
  'memory-per-node': { type: 'string' },
  'hosts-per-rack': { type: 'string' },
  'racks-per-block': { type: 'string' },
  'blocks-per-zone': { type: 'string' },
  'port-base': { type: 'string' },
  'state-dir': { type: 'string' },
  'no-scheduler': { type: 'boolean' },
  purge: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  return value;
}

export interface ParsedCommand {
  readonly command: string;
  readonly options: Omit<ClusterOptions, 'progress'>;
  readonly purge: boolean;
  readonly help: boolean;
}

export function parseCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  home: string = homedir(),
): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  const command = parsed.positionals[0] ?? 'help';
  const cacheRoot = env['GROVE_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'grove-ts');
  const options: Omit<ClusterOptions, 'progress'> = {
    versionsFile: join(TOOL_DIR, 'versions.json'),
    cacheDir: cacheRoot,
    stateDir: resolve(v['state-dir'] ?? env['GROVE_CLUSTER_DIR'] ?? join(REPO_ROOT, '.cache', 'cluster')),
    portBase: integer('port-base', v['port-base'] ?? env['GROVE_PORT_BASE'], DEFAULT_PORT_BASE),
    withScheduler: !v['no-scheduler'],
    pool: {
      count: integer('nodes', v.nodes ?? env['GROVE_NODES'], 8),
      capacity: {
        ...DEFAULT_CAPACITY,
        gpus: integer('gpus-per-node', v['gpus-per-node'], DEFAULT_CAPACITY.gpus),
        cpu: v['cpu-per-node'] ?? DEFAULT_CAPACITY.cpu,
        memory: v['memory-per-node'] ?? DEFAULT_CAPACITY.memory,
      },
      topology: {
        hostsPerRack: integer('hosts-per-rack', v['hosts-per-rack'], DEFAULT_TOPOLOGY.hostsPerRack),
        racksPerBlock: integer('racks-per-block', v['racks-per-block'], DEFAULT_TOPOLOGY.racksPerBlock),
        blocksPerZone: integer('blocks-per-zone', v['blocks-per-zone'], DEFAULT_TOPOLOGY.blocksPerZone),
      },
    },
  };
  return { command, options, purge: v.purge ?? false, help: v.help ?? false };
}

export const USAGE = `usage: grove-cluster <command> [options]

commands:
  build     build the pinned control-plane binaries into the cache (skips what is built)
  up        build if needed, start (or reuse) the local cluster, create KWOK nodes, write the kubeconfig
  down      stop the processes this tool started (--purge also deletes the state folder)
  status    show each component's PID, memory and log file
  env       print "export KUBECONFIG=..." for the running cluster

options:
  --nodes N               KWOK nodes to keep (default 8, env GROVE_NODES)
  --gpus-per-node N       nvidia.com/gpu per node (default 8)
  --cpu-per-node Q        cpu per node (default 64)
  --memory-per-node Q     memory per node (default 512Gi)
  --hosts-per-rack N      topology shape (default 2); also --racks-per-block, --blocks-per-zone
  --port-base N           first of the loopback ports used (default ${DEFAULT_PORT_BASE}, env GROVE_PORT_BASE)
  --state-dir DIR         state folder (default .cache/cluster, env GROVE_CLUSTER_DIR)
  --no-scheduler          do not start kube-scheduler
env: GROVE_CACHE_DIR moves the build cache (default ~/.cache/grove-ts).`;

