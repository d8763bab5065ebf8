import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onShutdownSignal, type SignalSource } from './shutdown.js';

function setup(handler: () => Promise<void>, extra: { exitCode?: number } = {}) {
  const source = new EventEmitter() as EventEmitter & SignalSource;
  const exit = vi.fn<(code: number) => void>();
  const logger = { info: vi.fn(), error: vi.fn() };
  const dispose = onShutdownSignal(handler, { logger, deadlineMs: 1000, exit, source, ...extra });
  const signal = (name: NodeJS.Signals) => source.emit(name, name);
  return { exit, signal, dispose, source };
}

describe('onShutdownSignal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the handler once on SIGTERM and exits 0 when it resolves', async () => {
    const handler = vi.fn(() => Promise.resolve());
    const { exit, signal } = setup(handler);
    signal('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls).toEqual([[0]]);
  });

  it('reacts to SIGINT too and can exit with a custom code', async () => {
    const { exit, signal } = setup(() => Promise.resolve(), { exitCode: 1 });
    signal('SIGINT');
    await vi.advanceTimersByTimeAsync(0);
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it('exits 1 when the handler rejects', async () => {
    const { exit, signal } = setup(() => Promise.reject(new Error('close failed')));
    signal('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it('exits 1 when the deadline passes, and not again when the handler settles late', async () => {
    let release = (): void => undefined;
    const handler = () => new Promise<void>((resolve) => (release = resolve));
    const { exit, signal } = setup(handler);
    signal('SIGTERM');
    await vi.advanceTimersByTimeAsync(999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exit.mock.calls).toEqual([[1]]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it('forces exit 1 on a second signal and runs the handler only once', async () => {
    const handler = vi.fn(() => new Promise<void>(() => undefined));
    const { exit, signal } = setup(handler);
    signal('SIGTERM');
    signal('SIGINT');
    await vi.advanceTimersByTimeAsync(0);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it('stops listening once disposed', () => {
    const { dispose, source } = setup(() => Promise.resolve());
    expect(source.listenerCount('SIGTERM')).toBe(1);
    dispose();
    expect(source.listenerCount('SIGTERM')).toBe(0);
    expect(source.listenerCount('SIGINT')).toBe(0);
  });
});
