import { describe, expect, it } from 'vitest';
import { apiserverArgs, CONTROLLERS, controllerManagerArgs, etcdArgs, kwokArgs, schedulerArgs, type ArgsInput } from './args.js';
import { portsFrom, stateLayout } from './layout.js';
import { pkiPaths } from './pki.js';

const input: ArgsInput = { ports: portsFrom(20000), layout: stateLayout('/state'), pki: pkiPaths('/state/pki') };
const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');

describe('component arguments', () => {
  it('etcd listens on loopback only, on the configured ports', () => {
    const args = etcdArgs(input);
    expect(flag(args, 'listen-client-urls')).toBe('http://127.0.0.1:20000');
    expect(flag(args, 'listen-peer-urls')).toBe('http://127.0.0.1:20001');
    expect(flag(args, 'data-dir')).toBe('/state/etcd');
  });

  it('kube-apiserver has RBAC, service-account signing, admission webhooks and the aggregation layer', () => {
    const args = apiserverArgs(input);
    expect(flag(args, 'authorization-mode')).toBe('RBAC');
    expect(flag(args, 'etcd-servers')).toBe('http://127.0.0.1:20000');
    expect(flag(args, 'secure-port')).toBe('20003');
    expect(flag(args, 'bind-address')).toBe('127.0.0.1');
    expect(flag(args, 'service-account-signing-key-file')).toBe('/state/pki/sa.key');
    expect(flag(args, 'service-account-key-file')).toBe('/state/pki/sa.pub');
    expect(flag(args, 'enable-admission-plugins')?.split(',')).toEqual(
      expect.arrayContaining(['ServiceAccount', 'MutatingAdmissionWebhook', 'ValidatingAdmissionWebhook']),
    );
    expect(flag(args, 'requestheader-client-ca-file')).toBe('/state/pki/front-proxy-ca.crt');
    expect(flag(args, 'proxy-client-cert-file')).toBe('/state/pki/front-proxy-client.crt');
    expect(flag(args, 'requestheader-allowed-names')).toBe('front-proxy-client');
  });

  it('kube-controller-manager runs the garbage collector, namespace, token and HPA controllers with per-controller credentials', () => {
    const args = controllerManagerArgs(input);
    expect(flag(args, 'controllers')?.split(',')).toEqual([...CONTROLLERS]);
    expect(CONTROLLERS).toEqual(
      expect.arrayContaining([
        'garbage-collector-controller',
        'namespace-controller',
        'serviceaccount-token-controller',
        'horizontal-pod-autoscaler-controller',
      ]),
    );
    expect(flag(args, 'use-service-account-credentials')).toBe('true');
    expect(flag(args, 'kubeconfig')).toBe('/state/kubeconfigs/kube-controller-manager.kubeconfig');
    expect(flag(args, 'secure-port')).toBe('20004');
  });

  it('kube-scheduler and KWOK use their own kubeconfigs and ports', () => {
    expect(flag(schedulerArgs(input), 'kubeconfig')).toBe('/state/kubeconfigs/kube-scheduler.kubeconfig');
    expect(flag(schedulerArgs(input), 'secure-port')).toBe('20005');
    const kwok = kwokArgs(input);
    expect(flag(kwok, 'manage-nodes-with-annotation-selector')).toBe('kwok.x-k8s.io/node=fake');
    expect(flag(kwok, 'manage-all-nodes')).toBe('false');
    expect(flag(kwok, 'server-address')).toBe('127.0.0.1:20006');
    expect(flag(kwok, 'config')).toBe('/state/kwok-stages.yaml');
  });
});

describe('portsFrom', () => {
  it('refuses a base that leaves no room or is privileged', () => {
    expect(() => portsFrom(80)).toThrow(RangeError);
    expect(() => portsFrom(65_500)).toThrow(RangeError);
  });
});
