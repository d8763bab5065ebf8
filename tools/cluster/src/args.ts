/**
 * Command lines of the control-plane components. Pure: paths and ports in, argument lists out,
 * so every flag we rely on is unit-tested and visible in one place.
 */
import { componentKubeconfig, type Ports, POD_CIDR, SERVICE_CIDR, type StateLayout } from './layout.js';
import type { PkiPaths } from './pki.js';

export interface ArgsInput {
  readonly ports: Ports;
  readonly layout: StateLayout;
  readonly pki: PkiPaths;
}

const LOOPBACK = '127.0.0.1';
const url = (scheme: 'http' | 'https', port: number) => `${scheme}://${LOOPBACK}:${port}`;

/**
 * Controllers kube-controller-manager runs. The service-account controller creates each namespace's
 * `default` ServiceAccount (pods are refused without it); the root-CA publisher writes the
 * `kube-root-ca.crt` ConfigMap that projected token volumes need; cluster-role aggregation fills the
 * built-in admin/edit/view roles; the pod garbage collector removes pods of deleted KWOK nodes.
 */
export const CONTROLLERS = [
  'garbage-collector-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'root-ca-certificate-publisher-controller',
  'horizontal-pod-autoscaler-controller',
  'clusterrole-aggregation-controller',
  'pod-garbage-collector-controller',
  // Lifts the node.kubernetes.io/not-ready taint that admission puts on every new node once KWOK
  // reports it Ready (and sets it again if KWOK stops heartbeating).
  'node-lifecycle-controller',
] as const;

export function etcdArgs({ ports, layout }: ArgsInput): string[] {
  const peer = url('http', ports.etcdPeer);
  return [
    '--name=grove-local',
    `--data-dir=${layout.etcdData}`,
    `--listen-client-urls=${url('http', ports.etcdClient)}`,
    `--advertise-client-urls=${url('http', ports.etcdClient)}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=grove-local=${peer}`,
    // A throwaway development store: skipping fsync makes tests much faster and loses nothing we keep.
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

export function apiserverArgs({ ports, layout, pki }: ArgsInput): string[] {
  return [
    `--etcd-servers=${url('http', ports.etcdClient)}`,
    `--bind-address=${LOOPBACK}`,
    `--advertise-address=${LOOPBACK}`,
    `--secure-port=${ports.apiserver}`,
    `--tls-cert-file=${pki.apiserver.cert}`,
    `--tls-private-key-file=${pki.apiserver.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    '--authorization-mode=RBAC',
    '--enable-admission-plugins=NamespaceLifecycle,ServiceAccount,Priority,ResourceQuota,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccount.pub}`,
    `--service-account-signing-key-file=${pki.serviceAccount.key}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--allow-privileged=true',
    // Aggregation layer: front-proxy identity for extension API servers (metrics APIs later).
    `--requestheader-client-ca-file=${pki.frontProxyCa.cert}`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${pki.frontProxyClient.cert}`,
    `--proxy-client-key-file=${pki.frontProxyClient.key}`,
    // No kube-proxy runs here: send aggregated requests to endpoint IPs, not the Service IP.
    '--enable-aggregator-routing=true',
    `--audit-log-path=${layout.logs}/audit.log`,
    '--audit-log-maxsize=100',
    '--audit-log-maxbackup=1',
    '--profiling=false',
  ];
}

export function controllerManagerArgs({ ports, layout, pki }: ArgsInput): string[] {
  const kubeconfig = componentKubeconfig(layout, 'kube-controller-manager');
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    `--bind-address=${LOOPBACK}`,
    `--secure-port=${ports.controllerManager}`,
    '--leader-elect=false',
    `--controllers=${CONTROLLERS.join(',')}`,
    `--service-account-private-key-file=${pki.serviceAccount.key}`,
    `--root-ca-file=${pki.ca.cert}`,
    // Each controller acts with its own ServiceAccount, as in a real cluster (RBAC gaps show up).
    '--use-service-account-credentials=true',
    '--horizontal-pod-autoscaler-sync-period=5s',
  ];
}

export function schedulerArgs({ ports, layout }: ArgsInput): string[] {
  const kubeconfig = componentKubeconfig(layout, 'kube-scheduler');
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    `--bind-address=${LOOPBACK}`,
    `--secure-port=${ports.scheduler}`,
    '--leader-elect=false',
  ];
}

/** Annotation that marks a Node as one KWOK simulates; nodes without it are left alone. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

export function kwokArgs({ ports, layout }: ArgsInput): string[] {
  return [
    `--kubeconfig=${componentKubeconfig(layout, 'kwok')}`,
    `--config=${layout.stagesFile}`,
    '--manage-all-nodes=false',
    `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
    `--cidr=${POD_CIDR}`,
    `--node-ip=${LOOPBACK}`,
    '--node-lease-duration-seconds=40',
    `--server-address=${LOOPBACK}:${ports.kwok}`,
  ];
}
