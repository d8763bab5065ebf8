import { describe, expect, it } from 'vitest';
import { ConfigError } from '@grove/watch-sdk';
import { parseConfig } from './config.js';

const env = { KUBECONFIG: '/k' };
const parse = (...argv: string[]) => parseConfig(argv, env);

describe('parseConfig', () => {
  it('runs no webhook unless told where the API server reaches it', () => {
    expect(parse().webhook).toBeUndefined();
  });

  it('registers by URL locally, listening on the URL port by default', () => {
    expect(parse('--webhook-url=https://127.0.0.1:9555', '--webhook-host=127.0.0.1').webhook).toEqual({
      scope: {},
      host: '127.0.0.1',
      port: 9555,
      endpoint: { kind: 'url', url: 'https://127.0.0.1:9555' },
      certificates: { kind: 'generated' },
      topologyAwareScheduling: false,
      autoMnnvl: false,
      schedulers: ['default-scheduler', 'podgang-scheduler'],
    });
  });

  it('registers by Service in a cluster, with certificates kept in a Secret', () => {
    const webhook = parse('--webhook-service=grove/grove-operator:9443', '--webhook-cert-secret=grove/grove-webhook-server-cert', '--topology-aware-scheduling', '--auto-mnnvl', '--schedulers=kai-scheduler').webhook;
    expect(webhook).toMatchObject({
      port: 9443,
      endpoint: { kind: 'service', namespace: 'grove', name: 'grove-operator', port: 9443 },
      certificates: { kind: 'secret', namespace: 'grove', name: 'grove-webhook-server-cert' },
      topologyAwareScheduling: true,
      autoMnnvl: true,
      schedulers: ['kai-scheduler'],
    });
  });

  it('reads certificates from a folder', () => {
    expect(parse('--webhook-service=grove/op', '--webhook-cert-dir=/certs', '--webhook-port=8443').webhook).toMatchObject({ port: 8443, certificates: { kind: 'dir', dir: '/certs' } });
  });

  it('fences the registrations in with a name suffix and a label selector', () => {
    expect(parse('--webhook-url=https://127.0.0.1:1', '--webhook-name-suffix=-t1', '--webhook-selector=grove.io/run=t1').webhook?.scope).toEqual({
      nameSuffix: '-t1',
      selector: { key: 'grove.io/run', value: 't1' },
    });
  });

  it('configures the reconcilers: kube-scheduler and 4 workers over every namespace by default', () => {
    expect(parse().reconcilers).toEqual({
      defaultScheduler: 'default-scheduler',
      initContainerImage: 'grove-startup-gate-sidecar:dev',
      workers: 4,
      topologyAwareScheduling: false,
      leaderElectionNamespace: undefined,
      namespace: undefined,
    });
    expect(
      parse('--default-scheduler=podgang-scheduler', '--init-container-image=registry.local/gate:1.2', '--workers=8', '--topology-aware-scheduling', '--namespace=team-a', '--leader-election-namespace=grove').reconcilers,
    ).toEqual({
      defaultScheduler: 'podgang-scheduler',
      initContainerImage: 'registry.local/gate:1.2',
      workers: 8,
      topologyAwareScheduling: true,
      leaderElectionNamespace: 'grove',
      namespace: 'team-a',
    });
  });

  it.each([
    [['--default-scheduler=Not A Name'], '--default-scheduler'],
    [['--init-container-image=has space'], '--init-container-image'],
    [['--workers=0'], '--workers'],
    [['--webhook-url=https://a:1', '--webhook-selector=novalue'], '--webhook-selector'],
    [['--webhook-url=https://a:1', '--webhook-name-suffix=UPPER'], '--webhook-name-suffix'],
    [['--webhook-selector=a=b'], '--webhook-selector'],
    [['--webhook-url=http://127.0.0.1:9443'], '--webhook-url'],
    [['--webhook-url=https://127.0.0.1:9443/path'], '--webhook-url'],
    [['--webhook-url=nonsense'], '--webhook-url'],
    [['--webhook-url=https://a:1', '--webhook-service=a/b'], '--webhook-url'],
    [['--webhook-service=justname'], '--webhook-service'],
    [['--webhook-service=ns/name:http'], '--webhook-service'],
    [['--webhook-service=a/b', '--webhook-port=99999'], '--webhook-port'],
    [['--webhook-service=a/b', '--webhook-cert-dir=/x', '--webhook-cert-secret=a/b'], '--webhook-cert-dir'],
    [['--webhook-port=9443'], '--webhook-port'],
    [['--schedulers=Bad_Name'], '--schedulers'],
  ])('rejects %j naming %s', (argv, flag) => {
    expect(() => parse(...argv)).toThrow(ConfigError);
    expect(() => parse(...argv)).toThrow(`invalid ${flag}`);
  });
});
