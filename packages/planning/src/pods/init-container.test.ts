import { POD_ENV } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { INIT_CONTAINER } from './init-container.js';
import { buildPod, type PodBuildInput } from './pod-builder.js';
import { podCliqueFor } from './test-support.js';

const pcs = aPodCliqueSet('svc')
  .clique('leader', { podSpec: { containers: [{ name: 'main', image: 'x' }], initContainers: [{ name: 'setup', image: 'setup' }], volumes: [{ name: 'data', emptyDir: {} }] } })
  .clique('worker', { replicas: 4, minAvailable: 2 })
  .explicitStartup()
  .build();

function input(startupDependencies: PodBuildInput['startupDependencies']): PodBuildInput {
  return {
    pcs,
    podClique: podCliqueFor(pcs, 'leader'),
    podIndex: 0,
    startupDependencies,
    initContainerImage: 'ghcr.io/ai-dynamo/grove/grove-initc:v0.1.0',
    defaultSchedulerName: 'default-scheduler',
  };
}

describe('startup-ordering init container (§5)', () => {
  const pod = buildPod(input([
    { podClique: 'svc-0-worker', minAvailable: 2 },
    { podClique: 'svc-0-prefill-0-router', minAvailable: 1 },
  ]));
  const initContainers = pod.spec?.initContainers ?? [];
  const initc = initContainers.find((c) => c.name === INIT_CONTAINER.containerName);

  it('is appended after the user’s init containers', () => {
    expect(initContainers.map((c) => c.name)).toEqual(['setup', 'grove-initc']);
  });

  it('runs the given image with one --podcliques=<fqn>:<minAvailable> per dependency', () => {
    expect(initc?.image).toBe('ghcr.io/ai-dynamo/grove/grove-initc:v0.1.0');
    expect(initc?.args).toEqual(['--podcliques=svc-0-worker:2', '--podcliques=svc-0-prefill-0-router:1']);
  });

  it('carries no GROVE_ variables, unlike the user init container', () => {
    expect(initc?.env).toBeUndefined();
    expect(initContainers[0]?.env?.[0]?.name).toBe(POD_ENV.pcsName);
  });

  it('mounts pod-info and the PCS ServiceAccount token read-only', () => {
    expect(initc?.volumeMounts).toEqual([
      { name: 'pod-info-vol', readOnly: true, mountPath: '/var/grove/pod-info' },
      { name: 'sa-token-secret-vol', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ]);
  });

  it('adds the token Secret volume (mode 420) and the downward-API pod-info volume after the user’s', () => {
    expect(pod.spec?.volumes).toEqual([
      { name: 'data', emptyDir: {} },
      { name: 'sa-token-secret-vol', secret: { secretName: 'svc-ic-sat', defaultMode: 420 } },
      {
        name: 'pod-info-vol',
        downwardAPI: {
          items: [
            { path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } },
            { path: 'podgangname', fieldRef: { fieldPath: "metadata.labels['grove.io/podgang']" } },
            { path: 'traceparent', fieldRef: { fieldPath: "metadata.annotations['grove.io/traceparent']" } },
          ],
        },
      },
    ]);
  });

  it('is absent, with its volumes, when the clique has no dependencies (AnyOrder)', () => {
    const plain = buildPod(input([]));
    expect(plain.spec?.initContainers?.map((c) => c.name)).toEqual(['setup']);
    expect(plain.spec?.volumes?.map((v) => v.name)).toEqual(['data']);
  });

  it('adds no init containers list to a pod that had none', () => {
    const worker = buildPod({ ...input([]), podClique: podCliqueFor(pcs, 'worker') });
    expect(worker.spec?.initContainers).toBeUndefined();
    expect(worker.spec?.volumes).toBeUndefined();
  });
});
