/**
 * Go `time.ParseDuration`, the format of `metav1.Duration` fields such as `terminationDelay`
 * (`4h`, `1h30m`, `1.5s`, `-2m`, `0`). Returns milliseconds, or undefined when the text is not a
 * duration Go would accept.
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const TERM = /(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/y;

export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  TERM.lastIndex = 0;
  while (TERM.lastIndex < rest.length) {
    const match = TERM.exec(rest);
    if (!match) return undefined;
    const [, number = '', unit = ''] = match;
    if (number === '' || number === '.') return undefined;
    total += Number(number) * (UNIT_MS[unit] ?? Number.NaN);
  }
  return Number.isFinite(total) ? sign * total : undefined;
}
