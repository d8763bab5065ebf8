/** What the PodCliqueScalingGroup reconciler is given (built once in main.ts, passed down). */
import type { World } from '@grove/controller-kit';
import type { ChildWriter, EventRecorder, ObjectWriter } from '@grove/watch-sdk/writes';

export interface ScalingGroupDeps {
  readonly world: World;
  readonly writer: ObjectWriter;
  readonly children: ChildWriter;
  readonly events: EventRecorder;
  readonly now: () => Date;
}
