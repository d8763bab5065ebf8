/**
 * Installs the Grove CRDs (packages/api/crds/*.yaml) by server-side apply and waits until the API
 * server serves them (Established). Used by integration tests and the local cluster; idempotent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ApiextensionsV1Api,
  type KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { toApiError } from './client/errors.js';

/** The CRD manifests that ship with this package (src/ and dist/ both sit one level below it). */
export const CRDS_DIR = fileURLToPath(new URL('../crds/', import.meta.url));

const FIELD_MANAGER = 'grove-install-crds';

export interface InstallCrdsOptions {
  readonly dir?: string;
  readonly timeoutMs?: number;
}

/** Every CustomResourceDefinition in `dir`, in file-name order. */
export function readCrds(dir: string = CRDS_DIR): V1CustomResourceDefinition[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) throw new Error(`no CRD manifests in ${dir}`);
  return files.flatMap((f) =>
    parseAllDocuments(readFileSync(`${dir}/${f}`, 'utf8'))
      .map((doc) => doc.toJS({ maxAliasCount: -1 }) as V1CustomResourceDefinition)
      .filter((doc) => doc?.kind === 'CustomResourceDefinition'),
  );
}

function established(crd: V1CustomResourceDefinition): boolean {
  return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
}

/** Applies every Grove CRD and resolves once all are Established; returns their names. */
export async function installGroveCrds(kc: KubeConfig, options: InstallCrdsOptions = {}): Promise<string[]> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  const names: string[] = [];
  for (const crd of readCrds(options.dir)) {
    const name = crd.metadata?.name ?? '';
    try {
      await api.patchCustomResourceDefinition(
        { name, body: crd, fieldManager: FIELD_MANAGER, force: true },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      );
    } catch (err) {
      throw toApiError(err, `apply CustomResourceDefinition ${name}`);
    }
    names.push(name);
  }
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (const name of names) {
    while (!established(await api.readCustomResourceDefinition({ name }))) {
      if (Date.now() > deadline) throw new Error(`CustomResourceDefinition ${name} is not Established after ${options.timeoutMs ?? 60_000} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return names;
}
