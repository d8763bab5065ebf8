/** The deployables the main job runs, and how each is started from source. Pure. */
import { join } from 'node:path';

export interface Deployable {
  readonly name: string;
  /** Serves /healthz and /readyz; the startup-gate sidecar runs inside pods, not here. */
  readonly healthPort: number;
}

export const DEPLOYABLES: readonly Deployable[] = [
  { name: 'podcliqueset-controller', healthPort: 8081 },
  { name: 'scalinggroup-controller', healthPort: 8082 },
  { name: 'podgang-scheduler', healthPort: 8083 },
  { name: 'autoscaler-adapter', healthPort: 8084 },
];

export interface LaunchCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * Runs an app's `src/main.ts` through tsx with the `@grove/source` condition, so no build is needed.
 * `extraArgs` (e.g. `--namespace=<ns>`) follow the common flags.
 */
export function launchCommand(
  repoRoot: string,
  app: Deployable,
  kubeconfig: string,
  port = app.healthPort,
  extraArgs: readonly string[] = [],
): LaunchCommand {
  return {
    command: process.execPath,
    args: [
      '--conditions=@grove/source',
      '--import',
      'tsx',
      join(repoRoot, 'apps', app.name, 'src', 'main.ts'),
      `--kubeconfig=${kubeconfig}`,
      `--health-port=${port}`,
      '--health-host=127.0.0.1',
      ...extraArgs,
    ],
  };
}
