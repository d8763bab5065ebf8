/** A fresh namespace for each test, deleted after it (without waiting for finalization). */
import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach } from 'vitest';

export const TEST_NAMESPACE_LABEL = 'grove.io/test-namespace';

/** `e2e-<slug of prefix>-<random>`, at most 63 characters and a valid DNS label. */
export function testNamespaceName(prefix: string): string {
  const slug = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `t-${slug || 'test'}-${randomBytes(3).toString('hex')}`;
}

export async function createTestNamespace(kc: KubeConfig, prefix: string): Promise<string> {
  const name = testNamespaceName(prefix);
  await kc.makeApiClient(CoreV1Api).createNamespace({
    body: { metadata: { name, labels: { [TEST_NAMESPACE_LABEL]: 'true' } } },
  });
  return name;
}

/**
 * Registers hooks that give every test in the current suite its own namespace.
 * Call at describe level; read the name inside a test with the returned function.
 */
export function useTestNamespace(kc: () => KubeConfig, prefix = 'test'): () => string {
  let current: string | undefined;
  beforeEach(async (ctx) => {
    current = await createTestNamespace(kc(), `${prefix}-${ctx.task.name}`);
  });
  afterEach(async () => {
    if (!current) return;
    const name = current;
    current = undefined;
    await kc().makeApiClient(CoreV1Api).deleteNamespace({ name });
  });
  return () => {
    if (!current) throw new Error('no test namespace: call the accessor inside a test');
    return current;
  };
}
