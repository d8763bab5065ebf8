/** CI guard: packages/api/crds is exactly what tools/crdgen generates from crds-src (run `npx nx run @grove/api:crds`). */
import { fileURLToPath } from 'node:url';
import { generateCrds, loadSnapshot, readYamlFiles, staleOutputs } from '@grove/crdgen';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../crds-src/', import.meta.url));
const out = fileURLToPath(new URL('../../crds/', import.meta.url));

describe('generated CRDs', () => {
  it('are up to date with crds-src and the Kubernetes OpenAPI snapshot', () => {
    expect(staleOutputs(out, generateCrds(readYamlFiles(src), loadSnapshot(src)))).toEqual([]);
  }, 60_000); // renders ~10,000 lines of YAML: seconds on a busy 2-core machine
});
