/**
 * The example manifests of docs/api/examples (shown in the API pages) are accepted by the API server
 * with the CRDs of crds/: a server-side apply, dry run, with strict field validation (an unknown
 * field is an error instead of being pruned silently), and the object the server returns holds
 * every field the example wrote. So the examples cannot drift from the CRDs; the pages' field tables
 * are checked against crds-src by test/unit/docs-reference.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { adminKubeConfig, useTestNamespace } from '@grove/testing';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { groveResources, installGroveCrds, type ResourceDescriptor, toApiError } from '../../src/index.js';

const FIELD_MANAGER = 'grove-docs-examples-test';
const examplesDir = fileURLToPath(new URL('../../../../docs/api/examples/', import.meta.url));
const files = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml')).sort();

type Manifest = { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } & Record<string, unknown>;

function manifestsOf(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(`${examplesDir}${file}`, 'utf8')).map((doc) => doc.toJS() as Manifest);
}

function descriptorOf(m: Manifest): ResourceDescriptor {
  const d = groveResources.find((r) => `${r.group}/${r.version}` === m.apiVersion && r.kind === m.kind);
  if (!d) throw new Error(`not a Grove kind: ${String(m.apiVersion)} ${String(m.kind)}`);
  return d;
}

const kc = adminKubeConfig();
const objects = kc.makeApiClient(CustomObjectsApi);

/** Server-side apply with dryRun=All: full validation (schema, CEL, admission), nothing stored. */
async function dryRunApply(m: Manifest, namespace: string): Promise<unknown> {
  const d = descriptorOf(m);
  const name = String(m.metadata?.name);
  const common = { group: d.group, version: d.version, plural: d.plural, name, dryRun: 'All', fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', force: true };
  const ssa = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
  try {
    if (!d.namespaced) return await objects.patchClusterCustomObject({ ...common, body: m }, ssa);
    const body = { ...m, metadata: { ...m.metadata, namespace } };
    return await objects.patchNamespacedCustomObject({ ...common, namespace, body }, ssa);
  } catch (err) {
    throw toApiError(err, `server-side dry-run apply of ${d.kind} ${name}`);
  }
}

beforeAll(async () => {
  await installGroveCrds(kc);
});

describe('docs/api/examples', () => {
  it('have an example of every kind, named after it', () => {
    for (const d of groveResources) {
      expect(files).toContain(`${d.kind.toLowerCase()}.yaml`);
      expect(manifestsOf(`${d.kind.toLowerCase()}.yaml`).map((m) => m.kind)).toContain(d.kind);
    }
  });
});

describe('docs/api/examples against the API server', () => {
  const namespace = useTestNamespace(() => kc, 'docs-examples');

  it.each(files)('%s is accepted by a server-side dry-run apply', async (file) => {
    const manifests = manifestsOf(file);
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) {
      // Examples leave the namespace to `kubectl apply -n`, so they work in any namespace.
      expect(m.metadata?.namespace).toBeUndefined();
      // What the server returns is the example plus defaults: nothing was pruned or rewritten.
      expect(await dryRunApply(m, namespace())).toMatchObject(m);
    }
  });
});
