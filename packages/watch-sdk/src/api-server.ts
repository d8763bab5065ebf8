import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig, VersionApi, type VersionInfo } from '@kubernetes/client-node';
import type { Logger } from '@grove/telemetry';
import type { KubeconfigSource } from './controller-config.js';

export function loadKubeConfig(source: KubeconfigSource): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (source.kind === 'file') {
    kubeConfig.loadFromFile(source.path);
  } else {
    kubeConfig.loadFromCluster();
  }
  return kubeConfig;
}

export interface WaitForApiServerDeps {
  kubeConfig: KubeConfig;
  logger: Pick<Logger, 'info' | 'error'>;
  /** Aborting stops the retries; the function then resolves `undefined`. */
  signal: AbortSignal;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  requestTimeoutMs?: number;
}

/** A short, stable name for a failure, so a repeating failure is logged once. */
function failureKind(err: unknown): string {
  const { code, cause, name } = (err ?? {}) as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
  return String(code ?? cause?.code ?? name ?? 'unknown');
}

async function getVersion(api: VersionApi, timeoutMs: number): Promise<VersionInfo> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    timeout.addEventListener('abort', () => reject(new Error('request timed out', { cause: { code: 'ETIMEDOUT' } })));
  });
  return Promise.race([api.getCode(), timedOut]);
}

/**
 * Calls the API server's `/version` until it answers, with capped exponential backoff. Each new
 * kind of failure is logged once; success is logged as `connected to API server`.
 */
export async function waitForApiServer(deps: WaitForApiServerDeps): Promise<VersionInfo | undefined> {
  const { logger, signal, maxBackoffMs = 30_000, requestTimeoutMs = 10_000 } = deps;
  const api = deps.kubeConfig.makeApiClient(VersionApi);
  const server = deps.kubeConfig.getCurrentCluster()?.server;
  let backoffMs = deps.initialBackoffMs ?? 500;
  let lastKind: string | undefined;
  while (!signal.aborted) {
    try {
      const info = await getVersion(api, requestTimeoutMs);
      logger.info({ server, gitVersion: info.gitVersion }, 'connected to API server');
      return info;
    } catch (err) {
      const kind = failureKind(err);
      if (kind !== lastKind) {
        logger.error({ err, server, kind, retryInMs: backoffMs }, 'API server unreachable, retrying');
        lastKind = kind;
      }
    }
    await sleep(backoffMs, undefined, { signal }).catch(() => undefined);
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  }
  return undefined;
}
