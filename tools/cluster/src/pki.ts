/**
 * Certificates and keys for the local control plane, generated once on first start and reused
 * (so a restarted cluster keeps its CA and the kubeconfig stays valid). The certificate code
 * itself lives in `@grove/pki`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuthority, createSigningKey, issueLeaf, type KeyPairPem } from '@grove/pki';

/** Paths of every file the control plane reads from its PKI folder. */
export function pkiPaths(dir: string) {
  const pair = (name: string) => ({ cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) });
  return {
    dir,
    ca: pair('ca'),
    frontProxyCa: pair('front-proxy-ca'),
    apiserver: pair('apiserver'),
    frontProxyClient: pair('front-proxy-client'),
    admin: pair('admin'),
    controllerManager: pair('kube-controller-manager'),
    scheduler: pair('kube-scheduler'),
    kwok: pair('kwok'),
    serviceAccount: { key: join(dir, 'sa.key'), pub: join(dir, 'sa.pub') },
  };
}

export type PkiPaths = ReturnType<typeof pkiPaths>;

/** The names the API server's serving certificate must carry. */
export const APISERVER_DNS_NAMES = [
  'localhost',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
] as const;

function writePair(paths: { cert: string; key: string }, pair: KeyPairPem): void {
  writeFileSync(paths.cert, pair.certPem);
  writeFileSync(paths.key, pair.keyPem, { mode: 0o600 });
}

/**
 * Creates the PKI folder unless it is complete already. The service-cluster IP of the
 * `kubernetes` Service is included in the serving certificate so in-cluster clients verify it.
 */
export async function ensurePki(dir: string, serviceIp: string): Promise<PkiPaths> {
  const paths = pkiPaths(dir);
  if (existsSync(paths.serviceAccount.pub) && existsSync(paths.kwok.key)) return paths;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await createAuthority('grove-local-ca');
  const frontProxyCa = await createAuthority('grove-local-front-proxy-ca');
  writePair(paths.ca, ca);
  writePair(paths.frontProxyCa, frontProxyCa);
  const server = { usage: 'server' as const, dnsNames: APISERVER_DNS_NAMES, ips: ['127.0.0.1', serviceIp] };
  writePair(paths.apiserver, await issueLeaf(ca, { subject: 'CN=kube-apiserver', ...server }));
  writePair(paths.frontProxyClient, await issueLeaf(frontProxyCa, { subject: 'CN=front-proxy-client', usage: 'client' }));
  writePair(paths.admin, await issueLeaf(ca, { subject: 'CN=grove-admin, O=system:masters', usage: 'client' }));
  const kcm = { subject: 'CN=system:kube-controller-manager', usage: 'client' as const };
  writePair(paths.controllerManager, await issueLeaf(ca, kcm));
  writePair(paths.scheduler, await issueLeaf(ca, { subject: 'CN=system:kube-scheduler', usage: 'client' }));
  // KWOK simulates every kubelet at once, so it gets cluster-admin rather than per-node identities.
  writePair(paths.kwok, await issueLeaf(ca, { subject: 'CN=kwok-controller, O=system:masters', usage: 'client' }));
  const sa = await createSigningKey();
  writeFileSync(paths.serviceAccount.key, sa.privatePem, { mode: 0o600 });
  writeFileSync(paths.serviceAccount.pub, sa.publicPem);
  return paths;
}

export function readPem(path: string): string {
  return readFileSync(path, 'utf8');
}
