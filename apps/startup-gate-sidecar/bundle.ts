/**
 * Bundles the sidecar into one minified ESM file, `dist/bundle/startup-gate.mjs`, the only file its
 * image needs: the workspace packages come from their sources (`@grove/source`), npm packages are
 * inlined, and nothing from devDependencies is reachable from `src/main.ts`. Prints the size.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const outfile = join(root, 'dist', 'bundle', 'startup-gate.mjs');

/**
 * node-fetch 2 (imported by client-node's KubeConfig) takes `URL` from `node:url` and falls back to
 * the whatwg-url package only where Node has none; that fallback pulls in tr46's 254 KiB mapping
 * table, parsed at every start. Node 20 has `URL`, so the fallback is replaced by Node's own.
 */
const nodeUrlForWhatwgUrl: Plugin = {
  name: 'node-url-for-whatwg-url',
  setup(b) {
    b.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url' }));
    b.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({ contents: 'module.exports = { URL: globalThis.URL, URLSearchParams: globalThis.URLSearchParams };', loader: 'js' }));
  },
};

const result = await build({
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile,
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['@grove/source'],
  // Some bundled CommonJS packages call require() for Node built-ins; ESM has no require of its own.
  banner: { js: "import { createRequire as __groveRequire } from 'node:module'; const require = __groveRequire(import.meta.url);" },
  legalComments: 'none',
  plugins: [nodeUrlForWhatwgUrl],
  metafile: true,
  logLevel: 'warning',
});

const bytes = statSync(outfile).size;
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB from ${inputs} modules\n`);
