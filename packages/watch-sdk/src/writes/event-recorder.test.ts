import { describe, expect, it } from 'vitest';
import { FakeClock } from '../queue/clock.js';
import { EventRecorder, type CoreEvent, type EventSink } from './event-recorder.js';

function memorySink() {
  const events = new Map<string, CoreEvent>();
  const sink: EventSink = {
    create: async (event) => void events.set(event.metadata.name, { ...event }),
    bump: async (_ns, name, count) => {
      const event = events.get(name);
      if (event) event.count = count;
    },
  };
  return { sink, events };
}

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'ns', name: 'p', uid: 'u1' } };

describe('EventRecorder', () => {
  it('aggregates the same event within the window into one Event with a count', async () => {
    const { sink, events } = memorySink();
    const clock = new FakeClock();
    const recorder = new EventRecorder({ sink, component: 'grove-test', clock, windowMs: 1000 });
    await recorder.record(pod, 'Warning', 'FailedCreate', 'quota exceeded');
    clock.advance(500);
    await recorder.record(pod, 'Warning', 'FailedCreate', 'quota exceeded');
    await recorder.record(pod, 'Warning', 'FailedCreate', 'another message');
    expect([...events.values()].map((e) => [e.reason, e.message, e.count])).toEqual([
      ['FailedCreate', 'quota exceeded', 2],
      ['FailedCreate', 'another message', 1],
    ]);
    const first = [...events.values()][0];
    expect(first).toMatchObject({ type: 'Warning', involvedObject: { kind: 'Pod', name: 'p', uid: 'u1' }, source: { component: 'grove-test' } });
    expect(first?.metadata.name).toMatch(/^p\.[0-9a-f]{16}$/);
  });

  it('starts a new Event after the window', async () => {
    const { sink, events } = memorySink();
    const clock = new FakeClock();
    const recorder = new EventRecorder({ sink, component: 'grove-test', clock, windowMs: 1000 });
    await recorder.record(pod, 'Normal', 'Synced', 'ok');
    clock.advance(1000);
    await recorder.record(pod, 'Normal', 'Synced', 'ok');
    expect(events.size).toBe(2);
  });

  it('never rejects: a failed write goes to onError', async () => {
    const errors: unknown[] = [];
    const sink: EventSink = { create: () => Promise.reject(new Error('forbidden')), bump: () => Promise.resolve() };
    const recorder = new EventRecorder({ sink, component: 'grove-test', onError: (err) => errors.push(err) });
    await expect(recorder.record(pod, 'Normal', 'Synced', 'ok')).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
