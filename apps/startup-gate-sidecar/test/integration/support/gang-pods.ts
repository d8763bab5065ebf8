/**
 * Pods of a gang, created by the test as the PodClique controller would (generateName `<fqn>-`,
 * labels `grove.io/podgang` and `grove.io/podclique`), under a scheduler name nobody serves: they
 * stay unbound, so nothing but the test changes their status. Readiness is set through the
 * pods/status subresource, as a kubelet would.
 */
import { LABEL } from '@grove/api';
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';

const NO_SCHEDULER = 'grove-test-unscheduled';

export interface GangPod {
  readonly gang: string;
  /** The clique FQN the name is generated from. */
  readonly fqn: string;
  /** The `grove.io/podclique` label; the FQN unless given. */
  readonly cliqueLabel?: string;
}

export class GangPods {
  private readonly core: CoreV1Api;

  constructor(
    kc: KubeConfig,
    private readonly namespace: string,
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
  }

  /** Creates the pod, not Ready; returns its generated name. */
  async create(pod: GangPod): Promise<string> {
    const body: V1Pod = {
      metadata: {
        generateName: `${pod.fqn}-`,
        labels: { [LABEL.podGang]: pod.gang, [LABEL.podClique]: pod.cliqueLabel ?? pod.fqn },
      },
      spec: { schedulerName: NO_SCHEDULER, containers: [{ name: 'main', image: 'busybox' }] },
    };
    const created = await this.core.createNamespacedPod({ namespace: this.namespace, body });
    const name = created.metadata?.name;
    if (name === undefined) throw new Error(`pod of ${pod.fqn} was created without a name`);
    return name;
  }

  async setReady(name: string, ready: boolean): Promise<void> {
    const pod = await this.core.readNamespacedPodStatus({ namespace: this.namespace, name });
    const status = ready ? 'True' : 'False';
    const now = new Date();
    pod.status = {
      ...pod.status,
      conditions: [
        ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'Ready'),
        { type: 'Ready', status, lastTransitionTime: now },
      ],
    };
    await this.core.replaceNamespacedPodStatus({ namespace: this.namespace, name, body: pod });
  }

  async createReady(pod: GangPod): Promise<string> {
    const name = await this.create(pod);
    await this.setReady(name, true);
    return name;
  }
}
