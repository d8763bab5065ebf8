export {
  createAuthority,
  createSigningKey,
  issueLeaf,
  loadAuthority,
  TEN_YEARS_MS,
  type Authority,
  type AuthorityOptions,
  type KeyPairPem,
  type LeafSpec,
} from './certificates.js';
export { createServingBundle, renewServingLeaf, type ServingBundle, type ServingSpec } from './serving.js';
export { certificateFacts, isConsistentBundle } from './inspect.js';
export { rotationDecision, type CertificateFacts, type RotationDecision, type RotationInput } from './rotation.js';
