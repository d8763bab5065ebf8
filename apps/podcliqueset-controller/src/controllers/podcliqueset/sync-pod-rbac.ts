/**
 * The ServiceAccount, Role, RoleBinding and token Secret the startup gate of this PodCliqueSet's
 * pods uses (grove-spec §2.2). The token Secret is filled by kube-controller-manager; until it is,
 * nothing that creates pods may run (the init containers would mount an empty token).
 */
import { CONTINUE, POLL_MS, cached, rejections, type StepOutcome } from '@grove/controller-kit';
import type { V1Secret } from '@kubernetes/client-node';
import { initContainerTokenSecretName, type PodCliqueSet } from '@grove/api';
import { initContainerTokenSecret, podRole, podRoleBinding, podServiceAccount } from '@grove/planning';
import { isControlledBy } from '@grove/watch-sdk/writes';
import { BUILTIN } from '@grove/watch-sdk/watch';
import { type ReconcilerDeps } from '../deps.js';

export async function syncPodRbac(pcs: PodCliqueSet, deps: ReconcilerDeps): Promise<StepOutcome> {
  const { world, children } = deps;
  const namespace = pcs.metadata.namespace ?? '';
  const sa = podServiceAccount(pcs);
  const role = podRole(pcs);
  const binding = podRoleBinding(pcs);
  const secret = initContainerTokenSecret(pcs);
  const name = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';
  // The binding after what it binds: a binding to a Role that failed would only hide that failure.
  const bound = await Promise.allSettled([
    children.ensure(BUILTIN.serviceAccounts, pcs, sa, cached(world.serviceAccounts, namespace, name(sa))),
    children.ensure(BUILTIN.roles, pcs, role, cached(world.roles, namespace, name(role))),
  ]);
  const failed = rejections(bound);
  if (failed.length > 0) throw failed.length === 1 ? failed[0] : new AggregateError(failed, failed.map((e) => e.message).join('; '));
  await children.ensure(BUILTIN.roleBindings, pcs, binding, cached(world.roleBindings, namespace, name(binding)));
  const current = cached(world.secrets, namespace, name(secret));
  if (current !== undefined && !isControlledBy(current, pcs)) {
    throw new Error(`Secret ${namespace}/${name(secret)} exists and is not controlled by PodCliqueSet ${pcs.metadata.name}: delete or rename it`);
  }
  // Secrets of type service-account-token are immutable in type and filled by the token controller: create once.
  if (current === undefined) await children.ensure(BUILTIN.secrets, pcs, secret, undefined);
  return tokenPopulated(current) ? CONTINUE : { kind: 'requeue', ms: POLL_MS, reason: `waiting for the token in Secret ${initContainerTokenSecretName(pcs.metadata.name ?? '')}` };
}

function tokenPopulated(secret: V1Secret | undefined): boolean {
  return secret?.data?.['token'] !== undefined && secret.data['token'] !== '';
}
