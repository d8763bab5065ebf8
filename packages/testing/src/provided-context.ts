/** What the cluster global setup provides to tests through `inject()`. */
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the admin kubeconfig of the local cluster. */
    kubeconfig: string;
    /** Folder with kubectl, helm and the other binaries of the pinned versions. */
    binDir: string;
  }
}
