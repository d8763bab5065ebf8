/** A CustomResourceDefinition becomes Established and its objects round-trip through the API server. */
import { ApiextensionsV1Api, CustomObjectsApi, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const kc = adminKubeConfig();
const extensions = kc.makeApiClient(ApiextensionsV1Api);
const objects = kc.makeApiClient(CustomObjectsApi);

// A group of its own per run, so a rerun against the same cluster never meets a half-deleted CRD.
const group = `e2e-${randomBytes(3).toString('hex')}.grove.io`;
const plural = 'widgets';

function widgetCrd(): V1CustomResourceDefinition {
  return {
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: 'widget', kind: 'Widget', shortNames: ['wdg'] },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  required: ['size'],
                  properties: {
                    size: { type: 'integer', minimum: 1 },
                    mode: { type: 'string', _default: 'fast', _enum: ['fast', 'slow'] },
                  },
                },
                status: { type: 'object', properties: { ready: { type: 'boolean' } } },
              },
            },
          },
        },
      ],
    },
  };
}

describe('custom resources', () => {
  const ns = useTestNamespace(() => kc, 'crd');
  afterAll(async () => {
    await extensions.deleteCustomResourceDefinition({ name: `${plural}.${group}` });
  });

  it('installs a CRD that becomes Established, then round-trips an object with defaults and validation', async () => {
    await extensions.createCustomResourceDefinition({ body: widgetCrd() });
    await eventually(async () => {
      const crd = await extensions.readCustomResourceDefinition({ name: `${plural}.${group}` });
      expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    });

    const target = { group, version: 'v1alpha1', namespace: ns(), plural };
    const body = { apiVersion: `${group}/v1alpha1`, kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } };
    await eventually(() => objects.createNamespacedCustomObject({ ...target, body }), { timeoutMs: 15_000 });
    const stored = (await objects.getNamespacedCustomObject({ ...target, name: 'w1' })) as {
      spec: { size: number; mode: string };
    };
    expect(stored.spec).toEqual({ size: 3, mode: 'fast' });

    const invalid = { ...body, metadata: { name: 'w2' }, spec: { size: 0 } };
    await expect(objects.createNamespacedCustomObject({ ...target, body: invalid })).rejects.toThrow(/spec\.size/);
  });
});
