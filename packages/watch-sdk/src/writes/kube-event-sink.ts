/** {@link EventSink} writing core/v1 Events to the API server. */
import type { KubeConfig } from '@kubernetes/client-node';
import { requestJson } from '../http/kube-request.js';
import type { CoreEvent, EventSink } from './event-recorder.js';

export function kubeEventSink(kubeConfig: KubeConfig): EventSink {
  const events = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;
  return {
    async create(event) {
      await requestJson<CoreEvent>(kubeConfig, { method: 'POST', path: events(event.metadata.namespace), body: { apiVersion: 'v1', kind: 'Event', ...event } });
    },
    async bump(namespace, name, count, lastTimestamp) {
      await requestJson<CoreEvent>(kubeConfig, {
        method: 'PATCH',
        path: `${events(namespace)}/${encodeURIComponent(name)}`,
        contentType: 'application/merge-patch+json',
        body: { count, lastTimestamp },
      });
    },
  };
}
