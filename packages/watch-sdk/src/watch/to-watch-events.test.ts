import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { WatchError } from './errors.js';
import { toWatchEvents, type Cursor } from './to-watch-events.js';
import type { RawWatchEvent } from './types.js';

const at = (rv: string) => ({ metadata: { name: 'a', resourceVersion: rv } });

describe('toWatchEvents', () => {
  it('passes object events on, swallows bookmarks, and keeps the cursor at the last resourceVersion', () => {
    const cursor: Cursor = { resourceVersion: '1' };
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<RawWatchEvent>('a-b-d|', {
        a: { type: 'ADDED', object: at('2') },
        b: { type: 'BOOKMARK', object: { metadata: { resourceVersion: '7' } } },
        d: { type: 'DELETED', object: at('8') },
      });
      expectObservable(source.pipe(toWatchEvents(cursor))).toBe('a---d|', {
        a: { type: 'ADDED', object: at('2') },
        d: { type: 'DELETED', object: at('8') },
      });
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    expect(cursor.resourceVersion).toBe('8');
  });

  it('turns an ERROR event into a WatchError and unsubscribes from the stream', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<RawWatchEvent>('-e-a', {
        e: { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } },
        a: { type: 'ADDED', object: at('2') },
      });
      const gone = new WatchError('ERR_WATCH_GONE', 'too old resource version', { status: 410 });
      expectObservable(source.pipe(toWatchEvents({ resourceVersion: '1' }))).toBe('-#', undefined, gone);
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });
});
