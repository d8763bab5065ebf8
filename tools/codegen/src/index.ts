export { generate, type GeneratedFile, type GenerateOptions } from './generate.js';
export { readCrdVersions, type CrdVersion, type SourceFile } from './crd.js';
export { K8S_TYPES, k8sType, type K8sTypeMapping } from './k8s-refs.js';
export { CodegenError } from './errors.js';
export { drift, readSources, writeFiles, type Drift } from './files.js';
