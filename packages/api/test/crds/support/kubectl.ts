/** The pinned kubectl of the test cluster (from the global setup), against its admin kubeconfig. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

export async function kubectl(...args: string[]): Promise<string> {
  const bin = join(inject('binDir'), 'kubectl');
  try {
    const { stdout } = await promisify(execFile)(bin, ['--kubeconfig', inject('kubeconfig'), ...args]);
    return stdout;
  } catch (err) {
    const stderr = err !== null && typeof err === 'object' && 'stderr' in err ? String(err.stderr) : '';
    throw new Error(`kubectl ${args.join(' ')} failed: ${stderr.trim()}`, { cause: err });
  }
}

/** The column headers of `kubectl get` output. */
export function headers(output: string): string[] {
  return (output.split('\n')[0] ?? '').trim().split(/\s+/);
}
