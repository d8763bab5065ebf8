import { describeDeployableProcess } from '@grove/testing';

describeDeployableProcess({ name: 'scalinggroup-controller', main: new URL('./main.ts', import.meta.url) });
