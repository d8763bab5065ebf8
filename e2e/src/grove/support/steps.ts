/**
 * Named scenarios with numbered steps: each step is written to stdout as it starts (so a slow or
 * hanging scenario shows where it is) and recorded in the test's meta (so a failure report can say
 * which step failed, see `useGroveControllers`).
 */
import type { TestContext } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** `<n>. <step> (+<s>s)` for every step the scenario started, in order. */
    groveSteps?: string[];
    groveScenario?: string;
  }
}

export type Step = (name: string) => void;

/**
 * A bound on a whole scenario, only to catch a hang: each wait inside has its own (generous)
 * timeout, and those are what fail a slow scenario with a useful message.
 */
export const SCENARIO_TIMEOUT_MS = 400_000;

/** Starts scenario `name` of the current test; returns `step(name)`. */
export function scenario(ctx: TestContext, name: string): Step {
  const started = Date.now();
  const meta = ctx.task.meta;
  meta.groveScenario = name;
  meta.groveSteps = [];
  const steps = meta.groveSteps;
  process.stdout.write(`[grove-e2e] ${name}: start\n`);
  return (step: string) => {
    const line = `${steps.length + 1}. ${step} (+${((Date.now() - started) / 1000).toFixed(1)}s)`;
    steps.push(line);
    process.stdout.write(`[grove-e2e] ${name}: ${line}\n`);
  };
}

/** The steps a test got through, for a failure report. */
export function stepsOf(ctx: TestContext): string {
  const steps = ctx.task.meta.groveSteps ?? [];
  const name = ctx.task.meta.groveScenario ?? ctx.task.name;
  if (steps.length === 0) return `scenario "${name}" failed before its first step`;
  return `scenario "${name}" failed during step ${steps.at(-1) ?? ''}\n  steps: ${steps.join('\n         ')}`;
}
