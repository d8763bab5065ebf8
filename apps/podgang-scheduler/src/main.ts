#!/usr/bin/env node
// Composition root of the podgang-scheduler: everything is built here and passed down.
import { configOrExit, runDeployable } from '@grove/watch-sdk';
import { parseConfig } from './config.js';

const NAME = 'podgang-scheduler';

const config = configOrExit(NAME, () => parseConfig(process.argv.slice(2), process.env));
// Several schedulers may run side by side; the name on every line tells their logs apart.
runDeployable({ name: NAME, config, logFields: { scheduler: config.schedulerName } });
