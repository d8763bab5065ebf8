// Workspace lint config (flat). Every project gets a `lint` target from @nx/eslint/plugin using this
// file; projects need no eslint config of their own.
//
// Boundaries (tags live in each package.json under "nx.tags"):
//   type:app     -> kit, sdk, domain, util     (never another app)
//   type:kit     -> sdk, domain, util          (Grove-specific runtime the deployables share)
//   type:domain  -> sdk, util                  (pure code; see PURE_PROJECT_GLOBS below)
//   type:sdk     -> util
//   type:util    -> util
//   type:tool    -> tool, kit, sdk, domain, util (tools/demo, tools/bench)
//   type:testing -> kit, sdk, domain, util, testing
//   type:e2e     -> app (e.g. its rbac.ts), tool, kit, sdk, domain, util, testing (nothing may import it)
//   Other projects may import type:testing only from test files (TEST_FILE_GLOBS).
//   scope:X      -> scope:X, scope:shared;     scope:shared -> scope:shared;  scope:e2e -> every scope
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nx from '@nx/eslint-plugin';

const workspaceRoot = dirname(fileURLToPath(import.meta.url));

const TEST_FILE_GLOBS = ['**/*.test.ts', '**/*.test-d.ts', '**/*.spec.ts', '**/test/**/*.ts', '**/vitest.config.ts'];

/** Workspace folders whose package.json tags are read to find pure (`type:domain`) projects. */
const PROJECT_PARENTS = ['packages', 'apps', 'tools'];

/** Projects tagged `type:domain`, found from their package.json, as `<root>/**` globs. */
function taggedProjectGlobs(tag) {
  const globs = [];
  for (const parent of PROJECT_PARENTS) {
    let entries = [];
    try {
      entries = readdirSync(join(workspaceRoot, parent), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.filter((e) => e.isDirectory())) {
      try {
        const pkg = JSON.parse(readFileSync(join(workspaceRoot, parent, entry.name, 'package.json'), 'utf8'));
        if (pkg.nx?.tags?.includes(tag)) globs.push(`${parent}/${entry.name}/**/*.ts`);
      } catch {
        // not a project (yet)
      }
    }
  }
  return globs;
}

/**
 * Pure projects: no I/O imports. `packages/planning` is listed even before it exists; every other
 * project tagged `type:domain` is added automatically.
 */
const PURE_PROJECT_GLOBS = [...new Set(['packages/planning/**/*.ts', ...taggedProjectGlobs('type:domain')])];

const IO_PACKAGES = ['@kubernetes/client-node'];
const IO_BUILTINS = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'child_process'];
const IO_RESTRICTIONS = [...IO_PACKAGES, ...IO_BUILTINS, ...IO_BUILTINS.map((m) => `node:${m}`)].map((name) => ({
  name,
  message: 'Pure (type:domain) packages do no I/O: take plain data in, return plans out.',
  // Types (V1Pod, V1PodSpec, ...) are data shapes, not I/O.
  allowTypeImports: true,
}));

const DEPLOYABLE_SCOPES = ['podcliqueset-controller', 'scalinggroup-controller', 'podgang-scheduler', 'autoscaler-adapter', 'startup-gate-sidecar'];

function depConstraints({ allowTesting }) {
  const testing = allowTesting ? ['type:testing'] : [];
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kit', 'type:sdk', 'type:domain', 'type:util', ...testing] },
    // Grove-specific runtime shared by the deployables (informers of Grove's kinds, child writes, RBAC data).
    { sourceTag: 'type:kit', onlyDependOnLibsWithTags: ['type:sdk', 'type:domain', 'type:util', ...testing] },
    // Developer tools (the main job, benchmarks): use anything but apps.
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:tool', 'type:kit', 'type:sdk', 'type:domain', 'type:util', ...testing] },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:sdk', 'type:util', ...testing] },
    { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:util', ...testing] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...testing] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:kit', 'type:sdk', 'type:domain', 'type:util', 'type:testing'] },
    // e2e tests read what the deployables declare about themselves (their RBAC rules) from the apps.
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:tool', 'type:kit', 'type:sdk', 'type:domain', 'type:util', 'type:testing'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    // The e2e project tests every deployable.
    { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', ...DEPLOYABLE_SCOPES.map((d) => `scope:${d}`)] },
    // One entry per deployable: a scope may use itself and shared code only.
    ...DEPLOYABLE_SCOPES.map(
      (scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] }),
    ),
  ];
}

function boundaries({ allowTesting }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      banTransitiveDependencies: true,
      allow: [],
      depConstraints: depConstraints({ allowTesting }),
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/node_modules', '**/.nx', '**/tmp', '**/*.timestamp*'],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries({ allowTesting: false }),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: TEST_FILE_GLOBS,
    rules: { '@nx/enforce-module-boundaries': boundaries({ allowTesting: true }) },
  },
  {
    files: PURE_PROJECT_GLOBS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: IO_RESTRICTIONS }] },
  },
];
