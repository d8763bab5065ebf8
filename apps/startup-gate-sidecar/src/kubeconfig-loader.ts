// Loaded on demand by credentials.ts: the only module of the gate that imports client-node, and
// only its config module: the package index would also load (and bundle) every generated API.
export { KubeConfig } from '@kubernetes/client-node/dist/config.js';
