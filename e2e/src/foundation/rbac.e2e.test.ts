/**
 * RBAC is enforced: a ServiceAccount bound to a Role can do exactly what the Role allows.
 * Checked twice: with a bound token from the TokenRequest API, and by impersonation with kubectl.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ApiException, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, tokenKubeConfig, useTestNamespace, createTestNamespace } from '@grove/testing';
import { inject, describe, expect, it } from 'vitest';

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
const run = promisify(execFile);

async function statusOf(request: () => Promise<unknown>): Promise<number> {
  try {
    await request();
    return 200;
  } catch (err) {
    if (err instanceof ApiException) return err.code;
    throw err;
  }
}

async function podReaderIn(namespace: string): Promise<void> {
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'reader' } } });
  await rbac.createNamespacedRole({
    namespace,
    body: { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
  });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: 'reader-reads-pods' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace }],
    },
  });
}

describe('RBAC', () => {
  const ns = useTestNamespace(() => kc, 'rbac');

  it('lets a ServiceAccount token do what its Role allows and nothing more', async () => {
    await podReaderIn(ns());
    const other = await createTestNamespace(kc, 'rbac-other');
    const token = await core.createNamespacedServiceAccountToken({
      namespace: ns(),
      name: 'reader',
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const asReader = tokenKubeConfig(kc, token.status?.token as string).makeApiClient(CoreV1Api);

    expect(await statusOf(() => asReader.listNamespacedPod({ namespace: ns() }))).toBe(200);
    expect(await statusOf(() => asReader.listNamespacedSecret({ namespace: ns() }))).toBe(403);
    expect(await statusOf(() => asReader.listNamespacedPod({ namespace: other }))).toBe(403);
    const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    expect(await statusOf(() => asReader.createNamespacedPod({ namespace: ns(), body: pod }))).toBe(403);
    await core.deleteNamespace({ name: other });
  });

  it('answers the same through kubectl impersonation', async () => {
    await podReaderIn(ns());
    const kubectl = async (...args: string[]) =>
      (await run(`${inject('binDir')}/kubectl`, ['--kubeconfig', inject('kubeconfig'), ...args])).stdout.trim();
    const as = `--as=system:serviceaccount:${ns()}:reader`;
    expect(await kubectl('auth', 'can-i', 'list', 'pods', '-n', ns(), as)).toBe('yes');
    await expect(kubectl('auth', 'can-i', 'delete', 'pods', '-n', ns(), as)).rejects.toMatchObject({ stdout: 'no\n' });
    await expect(kubectl('get', 'secrets', '-n', ns(), as)).rejects.toMatchObject({
      stderr: expect.stringContaining('forbidden'),
    });
    expect(await kubectl('get', 'pods', '-n', ns(), as, '-o', 'name')).toBe('');
  });
});
