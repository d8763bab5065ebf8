import { describeDeployableProcess } from '@grove/testing';

describeDeployableProcess({ name: 'podgang-scheduler', main: new URL('./main.ts', import.meta.url) });
