/** An error the cluster tool reports as one line: which component failed and where its log is. */
export class ClusterError extends Error {
  constructor(
    readonly component: string,
    message: string,
    readonly logFile?: string,
    options?: ErrorOptions,
  ) {
    super(`${component}: ${message}${logFile ? ` (log: ${logFile})` : ''}`, options);
    this.name = 'ClusterError';
  }
}
