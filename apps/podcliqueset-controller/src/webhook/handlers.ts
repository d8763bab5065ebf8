/**
 * The three admission handlers: PodCliqueSet defaulting (JSON Patch), PodCliqueSet validation and
 * ClusterTopologyBinding validation. They turn a parsed request into a response; the rules live in
 * @grove/admission, and the only I/O is the ClusterTopologyBinding lookup passed in as a function.
 */
import type { ClusterTopologyBinding, PodCliqueSet, TopologyLevel } from '@grove/api';
import {
  defaultPodCliqueSet,
  effectiveTopologyName,
  jsonPatch,
  podCliqueSetShapeErrors,
  validateClusterTopologyBinding,
  validatePodCliqueSet,
  type JsonValue,
  type PodCliqueSetReview,
  type SchedulerCatalog,
  type TopologyLookup,
} from '@grove/admission';
import { allow, deny, fail, type AdmissionRequest, type AdmissionResponse } from './review.js';

export type AdmissionHandler = (request: AdmissionRequest, signal: AbortSignal) => Promise<AdmissionResponse>;

export interface HandlerDeps {
  readonly topologyAwareScheduling: boolean;
  readonly autoMnnvl: boolean;
  readonly schedulers: SchedulerCatalog;
  /** The levels of a ClusterTopologyBinding, or undefined when none has that name. */
  readonly lookupTopology: (name: string, signal: AbortSignal) => Promise<readonly TopologyLevel[] | undefined>;
}

const handlesOperation = (request: AdmissionRequest) => request.operation === 'CREATE' || request.operation === 'UPDATE';

/** Defaults what the schema cannot; an object with wrong field types is left for schema validation to reject. */
export function defaultingHandler(): AdmissionHandler {
  return async (request) => {
    if (!handlesOperation(request) || podCliqueSetShapeErrors(request.object).length > 0) return allow(request.uid);
    const before = request.object as PodCliqueSet;
    const after = defaultPodCliqueSet(before, request.namespace ? { namespace: request.namespace } : {});
    return allow(request.uid, [], jsonPatch(before as unknown as JsonValue, after as unknown as JsonValue));
  };
}

async function topologyLookup(pcs: PodCliqueSet, deps: HandlerDeps, signal: AbortSignal): Promise<TopologyLookup> {
  const name = deps.topologyAwareScheduling ? effectiveTopologyName(pcs) : undefined;
  if (name === undefined) return { kind: 'none' };
  const levels = await deps.lookupTopology(name, signal);
  return levels ? { kind: 'found', name, levels } : { kind: 'not-found', name };
}

export function podCliqueSetValidationHandler(deps: HandlerDeps): AdmissionHandler {
  return async (request, signal) => {
    if (!handlesOperation(request)) return allow(request.uid);
    const object = request.object as PodCliqueSet;
    const review: PodCliqueSetReview =
      request.operation === 'CREATE' ? { operation: 'CREATE', object } : { operation: 'UPDATE', object, oldObject: request.oldObject as PodCliqueSet };
    let topology: TopologyLookup = { kind: 'none' };
    // Topology is checked on create only; on update the constraints are immutable.
    if (request.operation === 'CREATE' && podCliqueSetShapeErrors(object).length === 0) {
      try {
        topology = await topologyLookup(object, deps, signal);
      } catch (err) {
        return fail(request.uid, 500, `could not read the ClusterTopologyBinding: ${(err as Error).message}`);
      }
    }
    const { topologyAwareScheduling, autoMnnvl, schedulers } = deps;
    const result = validatePodCliqueSet(review, { topologyAwareScheduling, autoMnnvl, topology, schedulers });
    return result.errors.length > 0 ? deny(request.uid, result.errors, result.warnings) : allow(request.uid, result.warnings);
  };
}

export function clusterTopologyValidationHandler(deps: Pick<HandlerDeps, 'schedulers'>): AdmissionHandler {
  return async (request) => {
    if (!handlesOperation(request)) return allow(request.uid);
    const result = validateClusterTopologyBinding(request.object as ClusterTopologyBinding, deps.schedulers);
    return result.errors.length > 0 ? deny(request.uid, result.errors, result.warnings) : allow(request.uid, result.warnings);
  };
}
