/**
 * grove-codegen [--check] [--src DIR] [--out DIR]: generates @grove/api's typed models from the CRD
 * sources. With --check it writes nothing and fails, naming each stale file, when the committed
 * output differs from what it would write (CI runs it through `nx run @grove/api:typecheck`).
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { drift, readSources, writeFiles } from './files.js';
import { generate } from './generate.js';

export const REGENERATE_COMMAND = 'npx nx run @grove/api:codegen';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      // Relative to the working directory: Nx runs the targets from the workspace root.
      src: { type: 'string', default: 'packages/api/crds-src' },
      out: { type: 'string', default: 'packages/api/src/generated' },
    },
  });
  const cwd = process.cwd();
  const outDir = resolve(cwd, values.out);
  const files = await generate(readSources(resolve(cwd, values.src), cwd), { command: REGENERATE_COMMAND });
  const shown = (path: string): string => relative(cwd, resolve(outDir, path));
  if (values.check) {
    const stale = drift(outDir, files);
    if (stale.length === 0) return 0;
    const lines = stale.map((d) => `  ${shown(d.path)} (${d.state})`);
    process.stderr.write(`generated files are stale:\n${lines.join('\n')}\nrun \`${REGENERATE_COMMAND}\` and commit the result\n`);
    return 1;
  }
  const changes = writeFiles(outDir, files);
  for (const c of changes) process.stderr.write(`${c.state === 'extra' ? 'deleted' : 'wrote'} ${shown(c.path)}\n`);
  process.stderr.write(`${files.length} generated files, ${changes.length} changed\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`grove-codegen: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
