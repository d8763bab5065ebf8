/** The five Grove kinds through client-node's CustomObjectsApi, with the API server's refusal as text. */
import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { Manifest } from './manifest.js';

export const KINDS = {
  PodCliqueSet: { group: 'grove.io', plural: 'podcliquesets', namespaced: true },
  PodClique: { group: 'grove.io', plural: 'podcliques', namespaced: true },
  PodCliqueScalingGroup: { group: 'grove.io', plural: 'podcliquescalinggroups', namespaced: true },
  ClusterTopologyBinding: { group: 'grove.io', plural: 'clustertopologybindings', namespaced: false },
  PodGang: { group: 'scheduler.grove.io', plural: 'podgangs', namespaced: true },
} as const;
export type Kind = keyof typeof KINDS;
const VERSION = 'v1alpha1';

export interface WriteOptions {
  /** Server-side dry run: full admission and validation, nothing stored. */
  readonly dryRun?: boolean;
}

export class CrdApi {
  private readonly objects: CustomObjectsApi;

  constructor(kc: KubeConfig) {
    this.objects = kc.makeApiClient(CustomObjectsApi);
  }

  async create(kind: Kind, namespace: string, body: Manifest, opts: WriteOptions = {}): Promise<Manifest> {
    const { group, plural, namespaced } = KINDS[kind];
    const dryRun = opts.dryRun ? 'All' : undefined;
    const created: unknown = namespaced
      ? await this.objects.createNamespacedCustomObject({ group, version: VERSION, namespace, plural, body, ...(dryRun && { dryRun }) })
      : await this.objects.createClusterCustomObject({ group, version: VERSION, plural, body, ...(dryRun && { dryRun }) });
    return created as Manifest;
  }

  async get(kind: Kind, namespace: string, name: string): Promise<Manifest> {
    const { group, plural, namespaced } = KINDS[kind];
    const got: unknown = namespaced
      ? await this.objects.getNamespacedCustomObject({ group, version: VERSION, namespace, plural, name })
      : await this.objects.getClusterCustomObject({ group, version: VERSION, plural, name });
    return got as Manifest;
  }

  /** PUT of a full object (it must carry the resourceVersion it was read at). */
  async replace(kind: Kind, namespace: string, body: Manifest, opts: WriteOptions = {}): Promise<Manifest> {
    const { group, plural, namespaced } = KINDS[kind];
    const name = nameOf(body);
    const dryRun = opts.dryRun ? 'All' : undefined;
    const replaced: unknown = namespaced
      ? await this.objects.replaceNamespacedCustomObject({ group, version: VERSION, namespace, plural, name, body, ...(dryRun && { dryRun }) })
      : await this.objects.replaceClusterCustomObject({ group, version: VERSION, plural, name, body, ...(dryRun && { dryRun }) });
    return replaced as Manifest;
  }

  async replaceStatus(kind: Kind, namespace: string, body: Manifest): Promise<Manifest> {
    const { group, plural } = KINDS[kind];
    const replaced: unknown = await this.objects.replaceNamespacedCustomObjectStatus({ group, version: VERSION, namespace, plural, name: nameOf(body), body });
    return replaced as Manifest;
  }

  async delete(kind: Kind, namespace: string, name: string): Promise<void> {
    const { group, plural, namespaced } = KINDS[kind];
    if (namespaced) await this.objects.deleteNamespacedCustomObject({ group, version: VERSION, namespace, plural, name });
    else await this.objects.deleteClusterCustomObject({ group, version: VERSION, plural, name });
  }
}

function nameOf(body: Manifest): string {
  const metadata = body['metadata'];
  const name = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata['name'] : undefined;
  if (typeof name !== 'string') throw new Error('manifest has no metadata.name');
  return name;
}

/**
 * Awaits a request that must fail validation and returns the API server's message (the Status
 * message lists every field error). Anything else — success, or a failure that is not a 422 — fails.
 */
export async function rejection(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    const body: unknown = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
    const message = body !== null && typeof body === 'object' && 'message' in body ? String(body.message) : String(err.body);
    if (err.code !== 422) throw new Error(`expected 422 Invalid, got HTTP ${err.code}: ${message}`, { cause: err });
    return message;
  }
  throw new Error('expected the API server to reject the object, but it was accepted');
}
