/** Progress lines on stderr with the time since the tool started, so a slow step shows where time goes. */
export type Progress = (message: string) => void;

export function stderrProgress(start = Date.now()): Progress {
  return (message) => {
    const seconds = ((Date.now() - start) / 1000).toFixed(1).padStart(6);
    process.stderr.write(`[cluster ${seconds}s] ${message}\n`);
  };
}

export const silentProgress: Progress = () => undefined;

/** Runs `work` and reports how long it took. */
export async function timed<T>(progress: Progress, label: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await work();
  progress(`${label} done in ${((Date.now() - start) / 1000).toFixed(1)}s`);
  return result;
}
