export { DEPLOYABLES, launchCommand, type Deployable } from './deployables.js';
export { startApp, stopApp, waitReady, type RunningApp } from './supervise.js';
