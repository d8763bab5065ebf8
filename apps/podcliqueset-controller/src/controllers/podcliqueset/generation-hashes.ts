/**
 * The generation hash last written per PodCliqueSet (grove-spec §6.1), keyed by UID so a PCS
 * deleted and recreated under the same name starts afresh (Grove #782). Until the cache shows the
 * written hash, the reconcile waits: acting on the old hash would start the same update twice.
 */
import type { PodCliqueSet } from '@grove/api';
import { expectationKey } from '@grove/watch-sdk/controller';

export class GenerationHashes {
  private readonly written = new Map<string, string>();

  /** True when nothing was written or the cached object already shows it. */
  cacheShowsWritten(pcs: PodCliqueSet): boolean {
    const written = this.written.get(expectationKey(pcs));
    return written === undefined || pcs.status?.currentGenerationHash === written;
  }

  record(pcs: PodCliqueSet, hash: string): void {
    this.written.set(expectationKey(pcs), hash);
  }

  forget(pcs: PodCliqueSet): void {
    this.written.delete(expectationKey(pcs));
  }
}
