/**
 * The startup-ordering init container `grove-initc` and its two volumes (grove-spec §5). The
 * strings live in {@link INIT_CONTAINER} so the startup-gate sidecar reads its flags and files from
 * the same names the operator writes them under.
 */
import { LABEL, initContainerTokenSecretName } from '@grove/api';
import { TRACEPARENT_ANNOTATION } from '@grove/telemetry';
import type { V1Container, V1Volume } from '@kubernetes/client-node';

/** One clique this pod waits for: its PodClique FQN and how many of its pods must be Ready. */
export interface StartupDependency {
  readonly podClique: string;
  readonly minAvailable: number;
}

export const INIT_CONTAINER = {
  containerName: 'grove-initc',
  /** Repeated once per dependency as `--podcliques=<fqn>:<minAvailable>`. */
  podCliquesFlag: '--podcliques',
  serviceAccountTokenVolume: 'sa-token-secret-vol',
  /** Where Kubernetes clients look for in-cluster credentials: the PCS-scoped token goes there. */
  serviceAccountTokenMountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
  /** 0644, as Grove sets it. */
  serviceAccountTokenDefaultMode: 420,
  podInfoVolume: 'pod-info-vol',
  podInfoMountPath: '/var/grove/pod-info',
  /** File in the pod-info volume holding the pod's namespace. */
  namespaceFile: 'namespace',
  /** File in the pod-info volume holding the pod's PodGang name (label `grove.io/podgang`). */
  podGangFile: 'podgangname',
  /**
   * File in the pod-info volume holding the pod's `grove.io/traceparent` annotation (empty when the
   * pod has none), so the gate's span joins the PodCliqueSet's trace.
   */
  traceparentFile: 'traceparent',
} as const;

/** `--podcliques=<fqn>:<minAvailable>`. */
export function podCliquesArg(dependency: StartupDependency): string {
  return `${INIT_CONTAINER.podCliquesFlag}=${dependency.podClique}:${dependency.minAvailable}`;
}

/**
 * The init container. It is built apart from the user's containers and appended last, so it gets
 * neither the GROVE_* variables nor ResourceClaim references (§5).
 */
export function startupInitContainer(image: string, dependencies: readonly StartupDependency[]): V1Container {
  return {
    name: INIT_CONTAINER.containerName,
    image,
    args: dependencies.map(podCliquesArg),
    volumeMounts: [
      { name: INIT_CONTAINER.podInfoVolume, readOnly: true, mountPath: INIT_CONTAINER.podInfoMountPath },
      { name: INIT_CONTAINER.serviceAccountTokenVolume, readOnly: true, mountPath: INIT_CONTAINER.serviceAccountTokenMountPath },
    ],
  };
}

/**
 * The Secret holding the PCS ServiceAccount's token (the pod's own token lacks the pod read rights
 * the init container needs) and a downward-API volume telling it which namespace and gang to watch,
 * and the trace to join.
 */
export function startupVolumes(pcsName: string): V1Volume[] {
  return [
    {
      name: INIT_CONTAINER.serviceAccountTokenVolume,
      secret: { secretName: initContainerTokenSecretName(pcsName), defaultMode: INIT_CONTAINER.serviceAccountTokenDefaultMode },
    },
    {
      name: INIT_CONTAINER.podInfoVolume,
      downwardAPI: {
        items: [
          { path: INIT_CONTAINER.namespaceFile, fieldRef: { fieldPath: 'metadata.namespace' } },
          { path: INIT_CONTAINER.podGangFile, fieldRef: { fieldPath: labelFieldPath(LABEL.podGang) } },
          { path: INIT_CONTAINER.traceparentFile, fieldRef: { fieldPath: annotationFieldPath(TRACEPARENT_ANNOTATION) } },
        ],
      },
    },
  ];
}

/** Downward-API path of a label: `metadata.labels['<key>']`. */
export function labelFieldPath(labelKey: string): string {
  return `metadata.labels['${labelKey}']`;
}

/** Downward-API path of an annotation: `metadata.annotations['<key>']`. */
export function annotationFieldPath(annotationKey: string): string {
  return `metadata.annotations['${annotationKey}']`;
}
