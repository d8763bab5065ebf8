#!/usr/bin/env node
// Runs a TypeScript benchmark without a build step: node bin/run.mjs src/<bench>.ts [args]
import { register } from 'tsx/esm/api';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

register();
const [script, ...rest] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node bin/run.mjs src/<bench>.ts [args]\n');
  process.exit(2);
}
process.argv = [process.argv[0], script, ...rest];
await import(pathToFileURL(resolve(script)).href);
