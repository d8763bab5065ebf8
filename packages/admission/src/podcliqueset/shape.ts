/**
 * The structure of a PodCliqueSet as far as the admission rules read it. Objects that fail this
 * check are not defaulted (the API server's schema validation rejects them next) and are denied by
 * the validating webhook with type errors instead of reaching the rules.
 */
import type { FieldError } from '../field-errors.js';
import { shapeErrors, type Shape } from '../shape.js';

const stringList: Shape = { array: 'string' };
const stringMap: Shape = { map: 'string' };

const topologyConstraint: Shape = {
  object: { topologyName: 'string', packDomain: 'string', pack: { object: { required: 'string', preferred: 'string' } } },
};

const autoScaling: Shape = { object: { minReplicas: 'number', maxReplicas: 'number' } };

const resourceSharing: Shape = {
  array: { object: { name: 'string', namespace: 'string', filter: { object: { childCliqueNames: stringList, childScalingGroupNames: stringList } } } },
};

const container: Shape = { object: { name: 'string', env: { array: { object: { name: 'string' }, required: ['name'] } } } };

const podSpec: Shape = {
  object: {
    restartPolicy: 'string',
    terminationGracePeriodSeconds: 'number',
    nodeName: 'string',
    schedulerName: 'string',
    topologySpreadConstraints: { array: 'any' },
    containers: { array: container },
    initContainers: { array: container },
  },
};

const clique: Shape = {
  object: {
    name: 'string',
    labels: stringMap,
    annotations: stringMap,
    topologyConstraint,
    resourceSharing,
    spec: {
      object: {
        roleName: 'string',
        podSpec,
        replicas: 'number',
        minAvailable: 'number',
        startsAfter: stringList,
        autoScalingConfig: autoScaling,
      },
      required: ['podSpec'],
    },
  },
  required: ['name', 'spec'],
};

const scalingGroup: Shape = {
  object: {
    name: 'string',
    cliqueNames: stringList,
    annotations: stringMap,
    replicas: 'number',
    minAvailable: 'number',
    scaleConfig: autoScaling,
    resourceSharing,
    topologyConstraint,
  },
  required: ['name', 'cliqueNames'],
};

export const PODCLIQUESET_SHAPE: Shape = {
  object: {
    metadata: { object: { name: 'string', namespace: 'string', labels: stringMap, annotations: stringMap } },
    spec: {
      object: {
        replicas: 'number',
        template: {
          object: {
            cliques: { array: clique },
            cliqueStartupType: 'string',
            terminationDelay: 'string',
            headlessServiceConfig: { object: { publishNotReadyAddresses: 'boolean' } },
            topologyConstraint,
            resourceClaimTemplates: { array: { object: { name: 'string' } } },
            resourceSharing,
            podCliqueScalingGroups: { array: scalingGroup },
          },
          required: ['cliques'],
        },
      },
      required: ['template'],
    },
  },
  required: ['metadata', 'spec'],
};

/** Type errors in the fields the rules read (empty when the object can be defaulted and validated). */
export function podCliqueSetShapeErrors(object: unknown): FieldError[] {
  return shapeErrors(object, PODCLIQUESET_SHAPE);
}
