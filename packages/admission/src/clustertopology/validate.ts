/**
 * ClusterTopologyBinding rules (grove-spec §1.4): level domains and keys unique (each level is one
 * rung of the hierarchy), and each scheduler bound at most once, to an enabled, topology-aware
 * backend. On update only the new object is checked, as in Grove.
 */
import type { ClusterTopologyBinding } from '@grove/api';
import type { SchedulerCatalog } from '../context.js';
import { echo, errorsOnly, fieldError, type FieldError, type RuleResult } from '../field-errors.js';
import { FieldPath } from '../field-path.js';
import { duplicates } from '../podcliqueset/paths.js';
import { shapeErrors, type Shape } from '../shape.js';

const SHAPE: Shape = {
  object: {
    spec: {
      object: {
        levels: { array: { object: { domain: 'string', key: 'string' }, required: ['domain', 'key'] } },
        schedulerTopologyBindings: { array: { object: { schedulerName: 'string', topologyReference: 'string' }, required: ['schedulerName'] } },
      },
      required: ['levels'],
    },
  },
  required: ['spec'],
};

const LEVELS = FieldPath.root('spec', 'levels');
const BINDINGS = FieldPath.root('spec', 'schedulerTopologyBindings');

function bindingErrors(ct: ClusterTopologyBinding, catalog: SchedulerCatalog): FieldError[] {
  const bindings = ct.spec.schedulerTopologyBindings ?? [];
  const names = bindings.map((b) => b.schedulerName);
  const enabledNames = catalog.enabled.map((b) => b.name);
  return [
    ...duplicates(names, (i) => BINDINGS.index(i).child('schedulerName')),
    ...names.flatMap((name, i): FieldError[] => {
      const path = BINDINGS.index(i).child('schedulerName');
      const backend = catalog.enabled.find((b) => b.name === name);
      if (!backend) return [fieldError.notSupported(path, name, enabledNames)];
      if (!backend.topologyAware) return [fieldError.invalid(path, name, `scheduler backend ${echo(name)} is not topology-aware`)];
      return [];
    }),
  ];
}

export function validateClusterTopologyBinding(object: ClusterTopologyBinding, catalog: SchedulerCatalog): RuleResult {
  const shape = shapeErrors(object, SHAPE);
  if (shape.length > 0) return errorsOnly(shape);
  const levels = object.spec.levels;
  return errorsOnly([
    ...(levels.length === 0 ? [fieldError.required(LEVELS, 'at least one level is required')] : []),
    ...duplicates(levels.map((l) => l.domain), (i) => LEVELS.index(i).child('domain')),
    ...duplicates(levels.map((l) => l.key), (i) => LEVELS.index(i).child('key')),
    ...bindingErrors(object, catalog),
  ]);
}
