/**
 * The scheduler's writes to the API server: bindings, PodGang status, pod `PodScheduled`. Thin on
 * purpose; what to write is decided by the pure modules (status.ts, bind.ts).
 */
import type { V1Pod } from '@kubernetes/client-node';
import { PodGangGVK, type PodGang } from '@grove/api';
import { BUILTIN } from '@grove/watch-sdk/watch';
import type { ObjectWriter } from '@grove/watch-sdk/writes';

export interface SchedulerWrites {
  /** POSTs a Binding of the pod (with its UID as precondition) to `node`. */
  bind(pod: V1Pod, node: string): Promise<void>;
  /** Writes the status `mutate` makes of the cached gang (skipped when it returns false). */
  gangStatus(gang: PodGang, mutate: (gang: PodGang) => boolean): Promise<void>;
  /** Strategic-merge-patches the pod's status (conditions merge by type). */
  podStatus(pod: V1Pod, patch: unknown): Promise<void>;
}

export function kubeSchedulerWrites(writer: ObjectWriter): SchedulerWrites {
  return {
    async bind(pod, node) {
      const { name = '', namespace = '', uid } = pod.metadata ?? {};
      const binding = {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace, ...(uid !== undefined && { uid }) },
        target: { apiVersion: 'v1', kind: 'Node', name: node },
      };
      await writer.createSubresource(BUILTIN.pods, { namespace, name }, 'binding', binding);
    },
    async gangStatus(gang, mutate) {
      await writer.updateStatusFrom(PodGangGVK, gang, mutate);
    },
    async podStatus(pod, patch) {
      const { name = '', namespace = '' } = pod.metadata ?? {};
      await writer.strategicMergePatch(BUILTIN.pods, { namespace, name }, patch, 'status');
    },
  };
}

/** Runs writes for one key one after another (a later status must not be overtaken by an earlier one). */
export class KeyedChain {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
