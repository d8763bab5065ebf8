/** Kubernetes timestamps as epoch milliseconds: the client types say Date, the wire says RFC 3339. */
export function epochMs(value: Date | string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
