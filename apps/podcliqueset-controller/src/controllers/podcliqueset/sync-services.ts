/**
 * One headless Service per PodCliqueSet replica (grove-spec §2.2). Unlike Grove, the Services of
 * replicas removed by a scale-in are deleted (Grove leaves them until the PodCliqueSet goes).
 */
import { CONTINUE, cached, partOf, type StepOutcome } from '@grove/controller-kit';
import { COMPONENT, LABEL, type PodCliqueSet } from '@grove/api';
import { expectedHeadlessServiceNames, headlessService, pcsReplicas } from '@grove/planning';
import { BUILTIN } from '@grove/watch-sdk/watch';
import { type ReconcilerDeps } from '../deps.js';

export async function syncHeadlessServices(pcs: PodCliqueSet, deps: ReconcilerDeps): Promise<StepOutcome> {
  const { world, children } = deps;
  const namespace = pcs.metadata.namespace ?? '';
  const wanted = Array.from({ length: pcsReplicas(pcs) }, (_, i) => headlessService(pcs, i));
  await Promise.all(wanted.map((svc) => children.ensure(BUILTIN.services, pcs, svc, cached(world.services, namespace, svc.metadata?.name ?? ''))));
  const keep = new Set(expectedHeadlessServiceNames(pcs));
  const stale = partOf(world.services, namespace, pcs.metadata.name ?? '').filter(
    (svc) => svc.metadata?.labels?.[LABEL.component] === COMPONENT.pcsHeadlessService && !keep.has(svc.metadata.name ?? ''),
  );
  await Promise.all(stale.map((svc) => children.remove(BUILTIN.services, pcs, svc)));
  return CONTINUE;
}
