/**
 * The generation hash and the per-clique pod-template hash (grove-spec §6.1).
 *
 * Each clique contributes one PodTemplateSpec-like value: its labels, its annotations and its
 * podSpec with `priorityClassName` replaced by the PodCliqueSet's. Only those fields can start a
 * rolling update; replicas, minAvailable, scale configs, startsAfter and terminationDelay cannot
 * (Appendix A.2). The canonical JSON of each value is fed to FNV-1a (one value after another for the
 * whole set, as Grove's `ComputeHash(specs...)` writes them in turn), and the decimal of the result
 * is encoded with `rand.SafeEncodeString` so it is a valid label value.
 *
 * NOTE: Grove dumps Go structs with `spew`; we dump canonical JSON, so the values differ from
 * Grove's. They only ever need to agree with themselves.
 */
import type { PodCliqueSet, PodCliqueTemplateSpec } from '@grove/api';
import { cliqueTemplates } from '../template.js';
import { canonicalJson } from './canonical-json.js';
import { fnv64a, safeEncodeString } from './fnv.js';
import { requireClique } from './template-lookup.js';

/** `grove.io/pod-template-hash` of one clique's PodCliques and pods. */
export function podTemplateHash(pcs: PodCliqueSet, clique: string): string {
  return encodedHash(podTemplateDump(pcs, requireClique(pcs, clique)));
}

/** Every clique's {@link podTemplateHash}, by clique name: what "updated" is measured against. */
export function templateHashes(pcs: PodCliqueSet): Map<string, string> {
  return new Map(cliqueTemplates(pcs).map((c) => [c.name, encodedHash(podTemplateDump(pcs, c))]));
}

/** `status.currentGenerationHash`: every clique's pod template, in template order. */
export function generationHash(pcs: PodCliqueSet): string {
  return encodedHash(cliqueTemplates(pcs).map((clique) => podTemplateDump(pcs, clique)).join(''));
}

function encodedHash(dump: string): string {
  return safeEncodeString(fnv64a(dump).toString(10));
}

function podTemplateDump(pcs: PodCliqueSet, clique: PodCliqueTemplateSpec): string {
  const spec = { ...clique.spec.podSpec };
  // The clique's own priority class is ignored and the PCS one counts (§6.1); "" means none.
  delete spec.priorityClassName;
  const priorityClassName = pcs.spec.template.priorityClassName;
  if (priorityClassName !== undefined && priorityClassName !== '') spec.priorityClassName = priorityClassName;
  return canonicalJson({ labels: nonEmpty(clique.labels), annotations: nonEmpty(clique.annotations), spec });
}

/** `labels: {}` and no labels are the same pod template. */
function nonEmpty(map: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> | undefined {
  return map !== undefined && Object.keys(map).length > 0 ? map : undefined;
}
