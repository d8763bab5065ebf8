/**
 * Grove objects through client-node's CustomObjectsApi (any JSON goes, which the fuzz test needs),
 * and what became of a write: admitted, or refused by whom and why.
 */
import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';

export type Json = Record<string, unknown>;

/** Who refused a write: our webhook, the API server's schema/CEL validation, or its decoder. */
export type Outcome =
  | { readonly kind: 'admitted'; readonly object: Json }
  | { readonly kind: 'rejected'; readonly by: 'webhook' | 'schema' | 'decode'; readonly code: number; readonly message: string }
  /** Anything that is no clean answer: a 5xx, a failed webhook call, a timeout. */
  | { readonly kind: 'broken'; readonly code: number; readonly message: string };

const WEBHOOK_DENIAL = /admission webhook "[a-z.]+\.webhooks\.grove\.io" denied the request/;
const WEBHOOK_FAILURE = /failed calling webhook/;

function messageOf(err: ApiException<unknown>): string {
  try {
    const status = typeof err.body === 'string' ? (JSON.parse(err.body) as { message?: string }) : (err.body as { message?: string });
    return status?.message ?? String(err.body);
  } catch {
    return String(err.body);
  }
}

export function classify(err: unknown): Outcome {
  if (!(err instanceof ApiException)) return { kind: 'broken', code: 0, message: String(err) };
  const message = messageOf(err);
  if (err.code >= 500 || WEBHOOK_FAILURE.test(message)) return { kind: 'broken', code: err.code, message };
  if (WEBHOOK_DENIAL.test(message)) return { kind: 'rejected', by: 'webhook', code: err.code, message };
  if (err.code === 422) return { kind: 'rejected', by: 'schema', code: err.code, message };
  if (err.code >= 400 && err.code < 500) return { kind: 'rejected', by: 'decode', code: err.code, message };
  return { kind: 'broken', code: err.code, message };
}

const GROUP = 'grove.io';
const VERSION = 'v1alpha1';

export class GroveObjects {
  private readonly api: CustomObjectsApi;

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  async createPodCliqueSet(namespace: string, body: unknown, dryRun = false): Promise<Outcome> {
    try {
      const object: unknown = await this.api.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: 'podcliquesets', body: body as object, ...(dryRun && { dryRun: 'All' }) });
      return { kind: 'admitted', object: object as Json };
    } catch (err) {
      return classify(err);
    }
  }

  async replacePodCliqueSet(namespace: string, name: string, body: unknown): Promise<Outcome> {
    try {
      const object: unknown = await this.api.replaceNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: 'podcliquesets', name, body: body as object });
      return { kind: 'admitted', object: object as Json };
    } catch (err) {
      return classify(err);
    }
  }

  async getPodCliqueSet(namespace: string, name: string): Promise<Json> {
    return (await this.api.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: 'podcliquesets', name })) as Json;
  }

  async createClusterTopologyBinding(body: unknown, dryRun = false): Promise<Outcome> {
    try {
      const object: unknown = await this.api.createClusterCustomObject({ group: GROUP, version: VERSION, plural: 'clustertopologybindings', body: body as object, ...(dryRun && { dryRun: 'All' }) });
      return { kind: 'admitted', object: object as Json };
    } catch (err) {
      return classify(err);
    }
  }

  async deleteClusterTopologyBinding(name: string): Promise<void> {
    await this.api.deleteClusterCustomObject({ group: GROUP, version: VERSION, plural: 'clustertopologybindings', name }).catch(() => undefined);
  }
}
