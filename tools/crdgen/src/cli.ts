/**
 * crdgen — expands packages/api/crds-src into packages/api/crds.
 *
 *   crdgen                 write the generated CRDs
 *   crdgen --check         exit 1 if the committed CRDs differ from what the sources generate
 *   crdgen snapshot        refresh the Kubernetes OpenAPI snapshot from the local cluster
 * Options: --src DIR, --out DIR, --kubeconfig FILE, --kubectl FILE (paths default to this workspace).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CrdgenError } from './errors.js';
import { loadSnapshot, readYamlFiles, staleOutputs, writeOutputs } from './files.js';
import { generateCrds } from './generate.js';
import { takeSnapshot } from './take-snapshot.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: 'boolean', default: false },
      src: { type: 'string', default: join(root, 'packages/api/crds-src') },
      out: { type: 'string', default: join(root, 'packages/api/crds') },
      kubeconfig: { type: 'string', default: process.env['KUBECONFIG'] ?? join(root, '.cache/cluster/kubeconfig') },
      kubectl: { type: 'string' },
    },
  });
  if (positionals[0] === 'snapshot') {
    const localKubectl = join(root, '.cache/cluster/bin/kubectl');
    const kubectl = values.kubectl ?? (existsSync(localKubectl) ? localKubectl : 'kubectl');
    const file = await takeSnapshot({ srcDir: values.src, kubectl, kubeconfig: values.kubeconfig });
    process.stdout.write(`wrote ${relative(root, file)}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new CrdgenError(`unknown command ${positionals.join(' ')} (expected none or "snapshot")`);

  const files = generateCrds(readYamlFiles(values.src), loadSnapshot(values.src));
  if (values.check) {
    const problems = staleOutputs(values.out, files);
    if (problems.length === 0) return 0;
    process.stderr.write(
      `${relative(root, values.out)} is stale:\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
        'Run `npx nx run @grove/api:crds` (or `node tools/crdgen/bin/crdgen.mjs`) and commit the result.\n',
    );
    return 1;
  }
  const removed = writeOutputs(values.out, files);
  const gone = removed.length > 0 ? `; removed ${removed.join(', ')}` : '';
  process.stdout.write(`wrote ${files.length} CRDs to ${relative(root, values.out)}${gone}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message.split('\n')[0]})` : '';
    process.stderr.write(`crdgen: ${err instanceof Error ? err.message : String(err)}${cause}\n`);
    process.exitCode = 2;
  },
);
