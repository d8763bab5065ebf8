/**
 * Splits a byte stream into lines at `\n` and decodes each line once, from the chunk it arrived in
 * when it is whole there (the usual case for a watch: the API server flushes one event at a time).
 * Splitting bytes before decoding is safe for UTF-8: the byte `\n` never occurs inside a multi-byte
 * character. Empty lines (and a lone `\r`) are skipped; a `\r` before `\n` is left to JSON.parse,
 * for which it is whitespace.
 */
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export class LineSplitter {
  /** Bytes of a line not yet ended, in the chunks they came in (joined once, when it ends). */
  private pending: Buffer[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE);
    if (newline < 0) {
      this.pending.push(chunk);
      return;
    }
    if (this.pending.length > 0) {
      this.pending.push(chunk.subarray(0, newline));
      const line = Buffer.concat(this.pending);
      this.pending = [];
      this.emit(line, 0, line.length);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    while (newline >= 0) {
      this.emit(chunk, start, newline);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** The stream ended: a last line without `\n` still counts, as with readline. */
  end(): void {
    if (this.pending.length === 0) return;
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.emit(line, 0, line.length);
  }

  private emit(bytes: Buffer, start: number, end: number): void {
    if (end === start || (end === start + 1 && bytes[start] === CARRIAGE_RETURN)) return;
    this.onLine(bytes.toString('utf8', start, end));
  }
}
