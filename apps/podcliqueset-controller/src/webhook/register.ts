/**
 * Writes the webhook configurations (with the current CA bundle) by server-side apply, so
 * registering again after a certificate rotation is the same call, and removes them on request.
 */
import {
  AdmissionregistrationV1Api,
  ApiException,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { WebhookConfigurations } from './configurations.js';

const FIELD_MANAGER = 'grove-podcliqueset-controller';
const APPLY = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

export interface Registrar {
  apply(configurations: WebhookConfigurations): Promise<void>;
  remove(configurations: WebhookConfigurations): Promise<void>;
}

function nameOf(object: { metadata?: { name?: string } }): string {
  return object.metadata?.name ?? '';
}

async function ignoreNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (!(err instanceof ApiException && err.code === 404)) throw err;
  }
}

export function webhookRegistrar(kc: KubeConfig): Registrar {
  const api = kc.makeApiClient(AdmissionregistrationV1Api);
  return {
    async apply({ mutating, validating }) {
      for (const body of mutating) {
        const object = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', ...body };
        await api
          .patchMutatingWebhookConfiguration({ name: nameOf(body), body: object, fieldManager: FIELD_MANAGER, force: true }, APPLY)
          .catch((err: unknown) => Promise.reject(new Error(`registering MutatingWebhookConfiguration ${nameOf(body)} failed`, { cause: err })));
      }
      for (const body of validating) {
        const object = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', ...body };
        await api
          .patchValidatingWebhookConfiguration({ name: nameOf(body), body: object, fieldManager: FIELD_MANAGER, force: true }, APPLY)
          .catch((err: unknown) => Promise.reject(new Error(`registering ValidatingWebhookConfiguration ${nameOf(body)} failed`, { cause: err })));
      }
    },
    async remove({ mutating, validating }) {
      for (const body of mutating) await ignoreNotFound(api.deleteMutatingWebhookConfiguration({ name: nameOf(body) }));
      for (const body of validating) await ignoreNotFound(api.deleteValidatingWebhookConfiguration({ name: nameOf(body) }));
    },
  };
}
