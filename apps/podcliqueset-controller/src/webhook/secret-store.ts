/**
 * Keeps the generated CA and serving certificate in a `kubernetes.io/tls` Secret (grove-spec §9.2:
 * `tls.crt`, `tls.key`, `ca.crt`, plus `ca.key` so a renewal can keep the CA), so every replica
 * serves with the same CA that the webhook configurations trust. Concurrent writers are resolved
 * by resourceVersion: the loser reads back the winner's bundle.
 */
import { ApiException, type CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import type { ServingBundle } from '@grove/pki';
import type { BundleStore } from './certificates.js';

export interface SecretRef {
  readonly namespace: string;
  readonly name: string;
}

const KEYS = { certPem: 'tls.crt', keyPem: 'tls.key', caPem: 'ca.crt', caKeyPem: 'ca.key' } as const;

function statusOf(err: unknown): number | undefined {
  return err instanceof ApiException ? err.code : undefined;
}

function decode(secret: V1Secret): ServingBundle | undefined {
  const data = secret.data ?? {};
  const read = (key: string) => (data[key] ? Buffer.from(data[key], 'base64').toString('utf8') : '');
  const bundle = { certPem: read(KEYS.certPem), keyPem: read(KEYS.keyPem), caPem: read(KEYS.caPem), caKeyPem: read(KEYS.caKeyPem) };
  return Object.values(bundle).every((pem) => pem !== '') ? bundle : undefined;
}

function encode(bundle: ServingBundle): Record<string, string> {
  return Object.fromEntries(Object.entries(KEYS).map(([field, key]) => [key, Buffer.from(bundle[field as keyof ServingBundle]).toString('base64')]));
}

export function secretStore(core: CoreV1Api, ref: SecretRef): BundleStore {
  let resourceVersion: string | undefined;

  const read = async (): Promise<V1Secret | undefined> => {
    try {
      const secret = await core.readNamespacedSecret(ref);
      resourceVersion = secret.metadata?.resourceVersion;
      return secret;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw new Error(`reading Secret ${ref.namespace}/${ref.name} failed`, { cause: err });
    }
  };

  const write = async (bundle: ServingBundle): Promise<void> => {
    const body: V1Secret = { metadata: { name: ref.name, namespace: ref.namespace, ...(resourceVersion && { resourceVersion }) }, type: 'kubernetes.io/tls', data: encode(bundle) };
    if (resourceVersion === undefined) await core.createNamespacedSecret({ namespace: ref.namespace, body });
    else await core.replaceNamespacedSecret({ ...ref, body });
  };

  return {
    load: async () => {
      const secret = await read();
      return secret ? decode(secret) : undefined;
    },
    save: async (bundle) => {
      try {
        await write(bundle);
        return bundle;
      } catch (err) {
        // 409: another replica created or renewed it first; use theirs so all replicas agree.
        const theirs = statusOf(err) === 409 ? await read() : undefined;
        const decoded = theirs ? decode(theirs) : undefined;
        if (decoded) return decoded;
        throw new Error(`writing Secret ${ref.namespace}/${ref.name} failed`, { cause: err });
      }
    },
  };
}
