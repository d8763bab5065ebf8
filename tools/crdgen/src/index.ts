/** Library entry: the pure parts of crdgen, for tests and other tools. */
export { CrdgenError } from './errors.js';
export { expandK8sRefs, k8sRefsIn, K8S_REF_PREFIX } from './expand.js';
export { generateCrds, parseCrd, type TextFile } from './generate.js';
export type { Json, JsonObject } from './json.js';
export { structuralSchema, type Definitions } from './k8s-schema.js';
export { definitionClosure, mergeSchemas, parseSnapshot, renderSnapshot, snapshotFileName, type OpenApiSnapshot } from './snapshot.js';
export { loadSnapshot, readYamlFiles, staleOutputs, writeOutputs } from './files.js';
export { applyBounds } from './bounds.js';
