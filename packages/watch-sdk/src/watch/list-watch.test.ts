import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { ScriptedTransport } from './fake-transport.js';
import { listWatch$, type ListWatchOptions } from './list-watch.js';
import type { ListPage, RawWatchEvent, WatchEvent } from './types.js';

type Obj = { metadata: { name: string; resourceVersion: string } };

const PODS = { group: '', version: 'v1', plural: 'pods', namespaced: true };
const obj = (name: string, rv: string): Obj => ({ metadata: { name, resourceVersion: rv } });
const page = (rv: string, names: string[], next?: string): ListPage => ({
  items: names.map((n) => obj(n, rv)),
  resourceVersion: rv,
  ...(next ? { continue: next } : {}),
});
const raw = (type: RawWatchEvent['type'], object: unknown): RawWatchEvent => ({ type, object });
const gone: RawWatchEvent = { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' } };

const OPTIONS: ListWatchOptions = {
  namespace: 'ns',
  labelSelector: 'app=x',
  watchTimeoutSeconds: () => 300,
  backoff: { initialMs: 10, maxMs: 40, jitter: 0, random: () => 0 },
};

function testScheduler() {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('listWatch$', () => {
  it('lists every page as one LIST event, then watches from the list resourceVersion', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const pages = [cold('-(p|)', { p: page('10', ['a'], 'tok') }), cold('-(p|)', { p: page('10', ['b']) })];
      const watch = cold('--m', { m: raw('MODIFIED', obj('a', '11')) });
      const transport = new ScriptedTransport([...pages], [watch]);
      const values: Record<string, WatchEvent<Obj>> = {
        l: { type: 'LIST', items: [obj('a', '10'), obj('b', '10')], resourceVersion: '10' },
        m: { type: 'MODIFIED', object: obj('a', '11') },
      };
      expectObservable(listWatch$<Obj>(transport, PODS, OPTIONS), '^ 9ms !').toBe('--l-m', values);
      expectSubscriptions(watch.subscriptions).toBe('--^-------!');
    });
  });

  it('sends the selectors and the cursor, resuming after a bookmark without passing it on', () => {
    const transport = new ScriptedTransport();
    testScheduler().run(({ cold, expectObservable }) => {
      transport.listScript.push(cold('(p|)', { p: page('5', []) }));
      // The server ends the first watch after a bookmark (at 2); the second must start from it.
      transport.watchScript.push(cold('-b|', { b: raw('BOOKMARK', { metadata: { resourceVersion: '42' } }) }));
      transport.watchScript.push(cold('-a', { a: raw('ADDED', obj('c', '43')) }));
      const values = { l: { type: 'LIST', items: [], resourceVersion: '5' }, a: { type: 'ADDED', object: obj('c', '43') } };
      expectObservable(listWatch$<Obj>(transport, PODS, OPTIONS), '^ 5ms !').toBe('l--a', values);
    });
    expect(transport.lists).toEqual([{ path: '/api/v1/namespaces/ns/pods', labelSelector: 'app=x', limit: 500 }]);
    expect(transport.watches.map((w) => w.resourceVersion)).toEqual(['5', '42']);
    expect(transport.watches[0]).toMatchObject({ path: '/api/v1/namespaces/ns/pods', labelSelector: 'app=x', timeoutSeconds: 300 });
  });

  it('relists at once on 410 Gone, emitting the new complete state', () => {
    const transport = new ScriptedTransport();
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const firstWatch = cold('--g', { g: gone });
      transport.listScript.push(cold('(p|)', { p: page('1', ['a']) }), cold('-(p|)', { p: page('9', ['b']) }));
      transport.watchScript.push(firstWatch);
      const values = {
        l: { type: 'LIST', items: [obj('a', '1')], resourceVersion: '1' },
        r: { type: 'LIST', items: [obj('b', '9')], resourceVersion: '9' },
      };
      expectObservable(listWatch$<Obj>(transport, PODS, OPTIONS), '^ 5ms !').toBe('l--r', values);
      expectSubscriptions(firstWatch.subscriptions).toBe('^-!');
    });
    expect(transport.watches.map((w) => w.resourceVersion)).toEqual(['1', '9']);
  });

  it('retries a broken watch with capped backoff from the last resourceVersion, never giving up', () => {
    const transport = new ScriptedTransport();
    const retries: number[] = [];
    testScheduler().run(({ cold, expectObservable }) => {
      transport.listScript.push(cold('(p|)', { p: page('1', []) }));
      transport.watchScript.push(
        cold('-m#', { m: raw('MODIFIED', obj('a', '2')) }),
        cold('#'),
        cold('#'),
        cold('#'),
        cold('-m', { m: raw('MODIFIED', obj('a', '3')) }),
      );
      const observer = { retrying: (_e: unknown, _n: number, ms: number) => void retries.push(ms) };
      const values = {
        l: { type: 'LIST', items: [], resourceVersion: '1' },
        m: { type: 'MODIFIED', object: obj('a', '2') },
        n: { type: 'MODIFIED', object: obj('a', '3') },
      };
      // Errors at 2 (wait 10), 12 (wait 20), 32 (wait 40), 72 (wait 40: capped); the fifth watch emits at 113.
      expectObservable(listWatch$<Obj>(transport, PODS, { ...OPTIONS, observer }), '^ 120ms !').toBe('lm 111ms n', values);
    });
    expect(retries).toEqual([10, 20, 40, 40]);
    expect(transport.watches.map((w) => w.resourceVersion)).toEqual(['1', '2', '2', '2', '2']);
    expect(transport.lists).toHaveLength(1);
  });

  it('retries a failed list with backoff, and aborts the request on unsubscribe', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold<ListPage>('-#');
      const hanging = cold<ListPage>('----');
      const transport = new ScriptedTransport([failing, hanging], []);
      expectObservable(listWatch$<Obj>(transport, PODS, OPTIONS), '^ 20ms !').toBe('');
      expectSubscriptions(failing.subscriptions).toBe('^!');
      // The list fails at 1, is retried at 11 and aborted by the unsubscribe at 21.
      expectSubscriptions(hanging.subscriptions).toBe('- 10ms ^ 9ms !');
    });
  });
});
