/** What every reconciler of this deployable is given (built once in main.ts, passed down). */
import type { World } from '@grove/controller-kit';
import type { ExpectationsStore } from '@grove/watch-sdk/controller';
import type { ChildWriter, EventRecorder, ObjectWriter } from '@grove/watch-sdk/writes';
import type { ReconcilerConfig } from './options.js';

export interface ReconcilerDeps {
  readonly world: World;
  readonly writer: ObjectWriter;
  readonly children: ChildWriter;
  readonly events: EventRecorder;
  readonly config: ReconcilerConfig;
  /** Pods created/deleted and not yet seen in the cache, per PodClique. */
  readonly podExpectations: ExpectationsStore;
  readonly now: () => Date;
}
