import { describeDeployableProcess } from '@grove/testing';

describeDeployableProcess({ name: 'podcliqueset-controller', main: new URL('./main.ts', import.meta.url) });
