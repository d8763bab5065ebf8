#!/usr/bin/env node
// Composition root of the autoscaler-adapter: everything is built here and passed down.
import { configOrExit, runDeployable } from '@grove/watch-sdk';
import { parseConfig } from './config.js';

const NAME = 'autoscaler-adapter';

const config = configOrExit(NAME, () => parseConfig(process.argv.slice(2), process.env));
runDeployable({ name: NAME, config });
