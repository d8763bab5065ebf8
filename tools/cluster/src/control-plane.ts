/**
 * Starts and stops the control-plane processes. A failed start stops every component this run
 * started (and any left from an earlier crash), so a failure never leaves stray processes.
 */
import type { ArgsInput } from './args.js';
import { type ComponentSpec, waves } from './components.js';
import { ClusterError } from './errors.js';
import { waitHealthy } from './health.js';
import { logFile, pidFile } from './layout.js';
import { assertPortFree } from './ports.js';
import { isRecordedProcessAlive, readPidRecord, startProcess, stopRecordedProcess } from './processes.js';
import type { Progress } from './progress.js';

export interface ComponentState {
  readonly name: string;
  readonly pid?: number;
  readonly running: boolean;
  /** Running with exactly the command line this version of the tool would use. */
  readonly current: boolean;
  readonly logFile: string;
}

export function componentStates(specs: readonly ComponentSpec[], input: ArgsInput): ComponentState[] {
  return specs.map((spec) => {
    const record = readPidRecord(pidFile(input.layout, spec.name));
    const running = record !== undefined && isRecordedProcessAlive(record);
    const wanted = spec.args(input);
    const current = running && record.args.length === wanted.length && record.args.every((a, i) => a === wanted[i]);
    return {
      name: spec.name,
      running,
      current,
      logFile: logFile(input.layout, spec.name),
      ...(record && running ? { pid: record.pid } : {}),
    };
  });
}

/** True when every component runs with the current command line and answers its health probe. */
export async function isHealthy(specs: readonly ComponentSpec[], input: ArgsInput): Promise<boolean> {
  if (!componentStates(specs, input).every((s) => s.current)) return false;
  const results = await Promise.all(specs.map((spec) => spec.probe(input)));
  return results.every((r) => r.ok);
}

async function startOne(
  spec: ComponentSpec,
  input: ArgsInput,
  binaries: Readonly<Record<string, string>>,
  progress: Progress,
): Promise<void> {
  const log = logFile(input.layout, spec.name);
  const binary = binaries[spec.binary];
  if (!binary) throw new ClusterError(spec.name, `binary "${spec.binary}" was not built`);
  const started = startProcess({
    name: spec.name,
    binary,
    args: spec.args(input),
    logFile: log,
    pidFile: pidFile(input.layout, spec.name),
  });
  const outcome = await waitHealthy(() => spec.probe(input), {
    timeoutMs: spec.startupTimeoutSeconds * 1000,
    exited: started.exited,
  });
  if (outcome.kind === 'exited') throw new ClusterError(spec.name, `exited early (${outcome.how})`, log);
  if (outcome.kind === 'timeout') {
    throw new ClusterError(
      spec.name,
      `not healthy after ${spec.startupTimeoutSeconds}s (last probe: ${outcome.lastDetail})`,
      log,
    );
  }
  progress(`${spec.name} healthy in ${(outcome.afterMs / 1000).toFixed(1)}s (pid ${started.record.pid}, port ${spec.port})`);
}

export async function startControlPlane(
  specs: readonly ComponentSpec[],
  input: ArgsInput,
  binaries: Readonly<Record<string, string>>,
  progress: Progress,
): Promise<void> {
  // Check every port before starting anything: a taken port fails fast and starts nothing.
  for (const spec of specs) await assertPortFree(spec.name, spec.port);
  try {
    for (const wave of waves(specs)) {
      const results = await Promise.allSettled(wave.map((spec) => startOne(spec, input, binaries, progress)));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    }
  } catch (err) {
    await stopControlPlane(specs, input, progress);
    throw err;
  }
}

/** Stops components in reverse start order; only processes recorded in PID files are signalled. */
export async function stopControlPlane(
  specs: readonly ComponentSpec[],
  input: ArgsInput,
  progress: Progress,
): Promise<void> {
  for (const wave of waves(specs).reverse()) {
    await Promise.all(
      wave.map(async (spec) => {
        if (await stopRecordedProcess(pidFile(input.layout, spec.name))) progress(`stopped ${spec.name}`);
      }),
    );
  }
}
