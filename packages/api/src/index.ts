/** @grove/api: the Grove v1alpha1 CRDs (crds/) and their installer; generated types and clients join here. */
export { CRDS_DIR, installGroveCrds, readCrds, type InstallCrdsOptions } from './install-crds.js';
// Generated models (types, GVK descriptors, type guards) and the typed client over them.
export * from './generated/index.js';
export * from './client/index.js';
// Every generated name, label, annotation, finalizer, env var and condition string of Grove.
export * from './naming.js';
export * from './labels.js';
// Go's duration format (metav1.Duration fields such as terminationDelay).
export { parseGoDuration } from './duration.js';
