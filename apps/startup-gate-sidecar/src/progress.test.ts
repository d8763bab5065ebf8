import { describe, expect, it } from 'vitest';
import { progressText, shortfalls } from './progress.js';

describe('progress', () => {
  const counts = [
    { fqn: 'a-0-x', minAvailable: 3, ready: 1 },
    { fqn: 'a-0-y', minAvailable: 1, ready: 1 },
    { fqn: 'a-0-z', minAvailable: 1, ready: 0 },
  ];

  it('names each short dependency with how many more it needs', () => {
    expect(shortfalls(counts)).toEqual([
      { fqn: 'a-0-x', minAvailable: 3, ready: 1, missing: 2 },
      { fqn: 'a-0-z', minAvailable: 1, ready: 0, missing: 1 },
    ]);
    expect(progressText(counts)).toBe('waiting for a-0-x (1/3 ready, 2 more), a-0-z (0/1 ready, 1 more)');
  });

  it('says so when nothing is short (more Ready pods than needed count too)', () => {
    expect(progressText([{ fqn: 'a-0-x', minAvailable: 1, ready: 2 }])).toBe('all dependencies ready');
  });
});
