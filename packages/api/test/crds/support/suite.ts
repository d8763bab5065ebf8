/**
 * Per-file setup of the CRD tests: the Grove CRDs installed (server-side apply, idempotent) and one
 * namespace for the whole file — most requests are dry runs, so tests cannot disturb each other.
 */
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { adminKubeConfig, createTestNamespace } from '@grove/testing';
import { afterAll, beforeAll } from 'vitest';
import { installGroveCrds } from '../../../src/index.js';
import { CrdApi } from './api.js';

export interface CrdSuite {
  readonly kc: KubeConfig;
  readonly api: () => CrdApi;
  readonly namespace: () => string;
}

export function useCrdSuite(prefix: string): CrdSuite {
  const kc = adminKubeConfig();
  const api = new CrdApi(kc);
  let namespace: string | undefined;
  beforeAll(async () => {
    await installGroveCrds(kc);
    namespace = await createTestNamespace(kc, prefix);
  });
  afterAll(async () => {
    if (namespace) await kc.makeApiClient(CoreV1Api).deleteNamespace({ name: namespace });
  });
  return {
    kc,
    api: () => api,
    namespace: () => {
      if (!namespace) throw new Error('the suite namespace exists only inside tests');
      return namespace;
    },
  };
}
