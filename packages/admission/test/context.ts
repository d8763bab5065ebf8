/** Validation contexts for the rule tests. */
import type { PodCliqueSetContext } from '../src/context.js';
import { schedulerCatalog } from '../src/context.js';
import type { FieldError } from '../src/field-errors.js';
import { aClusterTopologyBinding } from '@grove/fixtures';

export const schedulers = schedulerCatalog(['podgang-scheduler']);

/** TAS on and the local cluster's binding found (zone > block > rack > host). */
export const withTopology: PodCliqueSetContext = {
  topologyAwareScheduling: true,
  topology: { kind: 'found', name: 'cluster', levels: aClusterTopologyBinding().spec.levels },
  schedulers,
};

export const plain: PodCliqueSetContext = { topologyAwareScheduling: false, topology: { kind: 'none' }, schedulers };

/** `Type field` strings: what a table row expects. */
export function found(errors: readonly FieldError[]): string[] {
  return errors.map((e) => `${e.type} ${e.field}`);
}
