#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: tsx compiles it on the fly, and the resolve hook
// sends workspace imports (@grove/pki) to their sources instead of an unbuilt dist/.
import { register as registerHook } from 'node:module';
import { register } from 'tsx/esm/api';

registerHook('./source-condition.mjs', import.meta.url);
register();
await import('../src/cli.ts');
