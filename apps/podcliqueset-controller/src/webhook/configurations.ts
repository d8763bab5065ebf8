/**
 * The webhook configurations the server registers (grove-spec §9.1): names, webhook names, paths,
 * rules, and the policies every Grove webhook shares. Pure: the endpoint (a URL for the local
 * cluster, a Service in a cluster) and the CA bundle come in as data.
 */
import { LABEL, MANAGED_BY_VALUE } from '@grove/api';
import type { V1LabelSelector, V1MutatingWebhookConfiguration, V1RuleWithOperations, V1ValidatingWebhookConfiguration, AdmissionregistrationV1WebhookClientConfig as WebhookClientConfig } from '@kubernetes/client-node';

export const PATHS = {
  defaultPodCliqueSet: '/webhooks/default-podcliqueset',
  validatePodCliqueSet: '/webhooks/validate-podcliqueset',
  validateClusterTopology: '/webhooks/validate-clustertopology',
} as const;

/** How the API server reaches the webhook server. */
export type WebhookEndpoint =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'service'; readonly namespace: string; readonly name: string; readonly port: number };

export interface ConfigurationOptions {
  readonly endpoint: WebhookEndpoint;
  readonly caPem: string;
  /** Appended to the configuration names, so test runs never collide with each other or a real install. */
  readonly nameSuffix?: string;
  /** Limits the PodCliqueSet webhooks to matching namespaces (tests: only their own). */
  readonly namespaceSelector?: V1LabelSelector;
  /**
   * Limits the ClusterTopologyBinding webhook to matching objects (tests: only their own). That
   * webhook is cluster-scoped, so a namespaceSelector cannot fence it in.
   */
  readonly objectSelector?: V1LabelSelector;
}

export interface WebhookConfigurations {
  readonly mutating: V1MutatingWebhookConfiguration[];
  readonly validating: V1ValidatingWebhookConfiguration[];
}

function clientConfig(options: ConfigurationOptions, path: string): WebhookClientConfig {
  const caBundle = Buffer.from(options.caPem).toString('base64');
  const { endpoint } = options;
  if (endpoint.kind === 'url') return { url: `${endpoint.url.replace(/\/$/, '')}${path}`, caBundle };
  return { service: { namespace: endpoint.namespace, name: endpoint.name, port: endpoint.port, path }, caBundle };
}

function rules(resource: string, scope: 'Namespaced' | 'Cluster'): V1RuleWithOperations[] {
  return [{ apiGroups: ['grove.io'], apiVersions: ['v1alpha1'], operations: ['CREATE', 'UPDATE'], resources: [resource], scope }];
}

/** The policies of every Grove webhook: reject when the webhook cannot answer, and say so within 10 s. */
function common(options: ConfigurationOptions, path: string, resource: string, scope: 'Namespaced' | 'Cluster') {
  return {
    admissionReviewVersions: ['v1'],
    clientConfig: clientConfig(options, path),
    rules: rules(resource, scope),
    failurePolicy: 'Fail',
    sideEffects: 'None',
    timeoutSeconds: 10,
    matchPolicy: 'Exact',
  };
}

export function webhookConfigurations(options: ConfigurationOptions): WebhookConfigurations {
  const suffix = options.nameSuffix ?? '';
  const namespaced = options.namespaceSelector ? { namespaceSelector: options.namespaceSelector } : {};
  const clusterScoped = options.objectSelector ? { objectSelector: options.objectSelector } : {};
  const metadata = (name: string) => ({ name: `${name}${suffix}`, labels: { [LABEL.managedBy]: MANAGED_BY_VALUE } });
  return {
    mutating: [
      {
        metadata: metadata('podcliqueset-defaulting-webhook'),
        webhooks: [
          { name: 'pcs.defaulting.webhooks.grove.io', ...common(options, PATHS.defaultPodCliqueSet, 'podcliquesets', 'Namespaced'), ...namespaced, reinvocationPolicy: 'Never' },
        ],
      },
    ],
    validating: [
      {
        metadata: metadata('podcliqueset-validating-webhook'),
        webhooks: [{ name: 'pcs.validating.webhooks.grove.io', ...common(options, PATHS.validatePodCliqueSet, 'podcliquesets', 'Namespaced'), ...namespaced }],
      },
      {
        metadata: metadata('clustertopology-validating-webhook'),
        webhooks: [{ name: 'clustertopology.validating.webhooks.grove.io', ...common(options, PATHS.validateClusterTopology, 'clustertopologybindings', 'Cluster'), ...clusterScoped }],
      },
    ],
  };
}
