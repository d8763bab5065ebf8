import { describeDeployableProcess } from '@grove/testing';

describeDeployableProcess({ name: 'autoscaler-adapter', main: new URL('./main.ts', import.meta.url) });
