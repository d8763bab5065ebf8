import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { initContainerTokenSecret, podRole, podRoleBinding, podServiceAccount } from './pod-rbac.js';

const pcs = aPodCliqueSet('llm').clique('a').build();
const defaults = { 'app.kubernetes.io/managed-by': 'grove-operator', 'app.kubernetes.io/part-of': 'llm' };

describe('pod identity for the startup-order init container (§2.2)', () => {
  it('ServiceAccount <pcs> mounts its token', () => {
    expect(podServiceAccount(pcs)).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'llm',
        namespace: 'default',
        labels: { ...defaults, 'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/component': 'pod-service-account' },
      },
      automountServiceAccountToken: true,
    });
  });

  it('Role grove.io:pcs:<pcs> may get, list and watch pods and pods/status; its name label has no colons', () => {
    expect(podRole(pcs)).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: {
        name: 'grove.io:pcs:llm',
        namespace: 'default',
        labels: { ...defaults, 'app.kubernetes.io/name': 'grove.io-pcs-llm', 'app.kubernetes.io/component': 'pod-role' },
      },
      rules: [{ apiGroups: [''], resources: ['pods', 'pods/status'], verbs: ['get', 'list', 'watch'] }],
    });
  });

  it('RoleBinding grove.io:pcs:<pcs> binds that Role to the ServiceAccount in the PCS namespace', () => {
    expect(podRoleBinding(pcs)).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: {
        name: 'grove.io:pcs:llm',
        namespace: 'default',
        labels: { ...defaults, 'app.kubernetes.io/name': 'grove.io-pcs-llm', 'app.kubernetes.io/component': 'pod-role-binding' },
      },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'grove.io:pcs:llm' },
      subjects: [{ kind: 'ServiceAccount', name: 'llm', namespace: 'default' }],
    });
  });

  it('Secret <pcs>-ic-sat is a service-account-token Secret for that ServiceAccount', () => {
    expect(initContainerTokenSecret(pcs)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'llm-ic-sat',
        namespace: 'default',
        labels: { ...defaults, 'app.kubernetes.io/name': 'llm-ic-sat', 'app.kubernetes.io/component': 'pod-sa-token-secret' },
        annotations: { 'kubernetes.io/service-account.name': 'llm' },
      },
      type: 'kubernetes.io/service-account-token',
    });
  });

  it('leaves namespace out when the PodCliqueSet has none', () => {
    const bare = aPodCliqueSet('llm').clique('a').build();
    delete bare.metadata.namespace;
    expect(podServiceAccount(bare).metadata).not.toHaveProperty('namespace');
    expect(podRoleBinding(bare).subjects).toEqual([{ kind: 'ServiceAccount', name: 'llm' }]);
  });

  it('refuses a PodCliqueSet without a name', () => {
    const nameless = aPodCliqueSet('x').clique('a').build();
    delete nameless.metadata.name;
    expect(() => podRole(nameless)).toThrow(/metadata.name/);
  });
});
