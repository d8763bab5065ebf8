/**
 * `crdgen snapshot`: reads the OpenAPI v3 documents of a running kube-apiserver with kubectl and keeps
 * the definitions the CRD sources use. Run it once per Kubernetes bump, against the local cluster.
 */
import { execFile } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CrdgenError } from './errors.js';
import { k8sRefsIn } from './expand.js';
import { SNAPSHOT_DIR, readYamlFiles } from './files.js';
import { parseCrd } from './generate.js';
import { isJsonObject, type Json } from './json.js';
import { definitionClosure, mergeSchemas, renderSnapshot, snapshotFileName } from './snapshot.js';

/** The documents that serve every type the CRDs embed (core, DRA, HPA metrics; meta types come along). */
export const OPENAPI_DOCUMENTS = ['/openapi/v3/api/v1', '/openapi/v3/apis/resource.k8s.io/v1', '/openapi/v3/apis/autoscaling/v2'];

export interface SnapshotOptions {
  readonly srcDir: string;
  readonly kubectl: string;
  readonly kubeconfig: string;
  readonly documents?: readonly string[];
}

/** Writes `<srcDir>/k8s-openapi/kubernetes-<version>.json` and returns its path. */
export async function takeSnapshot(opts: SnapshotOptions): Promise<string> {
  const getRaw = async (path: string): Promise<Json> => {
    try {
      const { stdout } = await promisify(execFile)(opts.kubectl, ['--kubeconfig', opts.kubeconfig, 'get', '--raw', path], {
        maxBuffer: 64 * 1024 * 1024,
      });
      return JSON.parse(stdout) as Json;
    } catch (err) {
      throw new CrdgenError(`kubectl get --raw ${path} failed (is the local cluster up?)`, { cause: err });
    }
  };
  const version = await getRaw('/version');
  const kubernetesVersion = isJsonObject(version) ? version['gitVersion'] : undefined;
  if (typeof kubernetesVersion !== 'string') throw new CrdgenError('/version has no gitVersion');
  const paths = opts.documents ?? OPENAPI_DOCUMENTS;
  const documents = await Promise.all(paths.map(async (path) => ({ path, document: await getRaw(path) })));
  const roots = new Set<string>();
  for (const source of readYamlFiles(opts.srcDir)) k8sRefsIn(parseCrd(source), roots);
  const schemas = definitionClosure(roots, mergeSchemas(documents));

  const dir = join(opts.srcDir, SNAPSHOT_DIR);
  for (const old of readdirSync(dir).filter((f) => /^kubernetes-.+\.json$/.test(f))) rmSync(join(dir, old));
  const file = join(dir, snapshotFileName(kubernetesVersion));
  writeFileSync(file, renderSnapshot({ kubernetesVersion, takenFrom: paths, schemas }));
  return file;
}
