import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

function split(chunks: (string | Buffer)[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits at newlines, skipping empty lines and a lone carriage return', () => {
    expect(split(['a\nb\n\n', '\r\nc\r\n'])).toEqual(['a', 'b', 'c\r']);
  });

  it('joins a line spread over chunks, and keeps a last line without a newline', () => {
    expect(split(['{"a"', ':1', '}\n{"b"', ':2}'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('decodes a multi-byte character split between chunks', () => {
    const bytes = Buffer.from('ünï\ncödé\n');
    expect(split([bytes.subarray(0, 1), bytes.subarray(1, 8), bytes.subarray(8)])).toEqual(['ünï', 'cödé']);
  });
});
