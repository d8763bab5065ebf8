/**
 * The validating side of the PodCliqueSet webhook: every rule of grove-spec §1.1, §3.5 (scheduler)
 * and §8 (topology) that needs code, on create; on update, the same object rules (except the
 * create-only ones) plus the immutables.
 */
import type { PodCliqueSet } from '@grove/api';
import type { PodCliqueSetContext } from '../context.js';
import { combine, errorsOnly, type RuleResult } from '../field-errors.js';
import { backendRules, mnnvlRules, mnnvlUpdateRules } from './backend-rules.js';
import { cliqueRules } from './clique-rules.js';
import { podNameRules } from './pod-name-rules.js';
import { podSpecRules } from './pod-spec-rules.js';
import { scalingGroupRules } from './scaling-group-rules.js';
import { schedulerRules } from './scheduler-rules.js';
import { podCliqueSetShapeErrors } from './shape.js';
import { startupOrderRules } from './startup-order.js';
import { templateRules } from './template-rules.js';
import { topologyCreateRules } from './topology-rules.js';
import { updateRules } from './update-rules.js';

export type PodCliqueSetReview =
  | { readonly operation: 'CREATE'; readonly object: PodCliqueSet }
  | { readonly operation: 'UPDATE'; readonly object: PodCliqueSet; readonly oldObject: PodCliqueSet };

function objectRules(pcs: PodCliqueSet, operation: 'CREATE' | 'UPDATE', context: PodCliqueSetContext): RuleResult {
  return combine(
    errorsOnly(templateRules(pcs)),
    errorsOnly(cliqueRules(pcs)),
    startupOrderRules(pcs),
    podSpecRules(pcs.spec.template.cliques, operation),
    errorsOnly(scalingGroupRules(pcs)),
    errorsOnly(podNameRules(pcs)),
    errorsOnly(schedulerRules(pcs, context.schedulers)),
    errorsOnly(backendRules(pcs, context)),
    errorsOnly(mnnvlRules(pcs, context)),
  );
}

/**
 * Validates a PodCliqueSet as the API server hands it over (already defaulted). Objects whose
 * fields have the wrong JSON types get type errors only: the rules never see them.
 */
export function validatePodCliqueSet(review: PodCliqueSetReview, context: PodCliqueSetContext): RuleResult {
  const shape = podCliqueSetShapeErrors(review.object);
  if (shape.length > 0) return errorsOnly(shape);
  const pcs = review.object;
  if (review.operation === 'CREATE') return combine(objectRules(pcs, 'CREATE', context), topologyCreateRules(pcs, context));
  // An old object that no longer fits the shape (stored by an older version) cannot be compared field by field.
  const oldShape = podCliqueSetShapeErrors(review.oldObject);
  const update =
    oldShape.length > 0
      ? { errors: [], warnings: ['the stored object could not be read; immutable fields were not checked'] }
      : combine(updateRules(pcs, review.oldObject), errorsOnly(mnnvlUpdateRules(pcs, review.oldObject)));
  return combine(objectRules(pcs, 'UPDATE', context), update);
}
