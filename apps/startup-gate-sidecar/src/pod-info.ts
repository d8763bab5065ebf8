/**
 * The downward-API files the operator mounts into the init container (grove-spec §5): the pod's
 * namespace and PodGang name, which are required, and the pod's `grove.io/traceparent` annotation,
 * which is optional (an empty or missing file means no trace to join).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INIT_CONTAINER } from '@grove/planning';

export interface PodInfo {
  readonly namespace: string;
  readonly podGang: string;
  readonly traceparent?: string;
}

export type PodInfoErrorCode = 'ERR_POD_INFO_MISSING' | 'ERR_POD_INFO_EMPTY';

/** A required pod-info file is missing, unreadable or empty; the message names the file. */
export class PodInfoError extends Error {
  override readonly name = 'PodInfoError';
  constructor(
    readonly code: PodInfoErrorCode,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(code === 'ERR_POD_INFO_EMPTY' ? `pod-info file ${file} is empty` : `cannot read pod-info file ${file}`, options);
  }
}

async function readRequired(dir: string, name: string): Promise<string> {
  const file = join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new PodInfoError('ERR_POD_INFO_MISSING', file, { cause });
  }
  const value = text.trim();
  if (value === '') throw new PodInfoError('ERR_POD_INFO_EMPTY', file);
  return value;
}

async function readOptional(dir: string, name: string): Promise<string | undefined> {
  const text = await readFile(join(dir, name), 'utf8').catch(() => '');
  return text.trim() || undefined;
}

export async function readPodInfo(dir: string): Promise<PodInfo> {
  const namespace = await readRequired(dir, INIT_CONTAINER.namespaceFile);
  const podGang = await readRequired(dir, INIT_CONTAINER.podGangFile);
  const traceparent = await readOptional(dir, INIT_CONTAINER.traceparentFile);
  return { namespace, podGang, ...(traceparent !== undefined && { traceparent }) };
}
