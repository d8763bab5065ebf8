import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

function configError(argv: string[], env: Record<string, string> = {}): ConfigError {
  try {
    parseConfig(argv, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('has no dependencies and info logging by default', () => {
    expect(parseConfig([], {})).toEqual({ podcliques: [], logLevel: 'info' });
  });

  it('collects repeated --podcliques flags in order', () => {
    const argv = ['--podcliques=inference-0-prefill:2', '--podcliques', 'inference-0-router:1'];
    expect(parseConfig(argv, {}).podcliques).toEqual([
      { fqn: 'inference-0-prefill', minAvailable: 2 },
      { fqn: 'inference-0-router', minAvailable: 1 },
    ]);
  });

  it('takes the log level from LOG_LEVEL unless --log-level is given', () => {
    expect(parseConfig([], { LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(parseConfig(['--log-level=error'], { LOG_LEVEL: 'debug' }).logLevel).toBe('error');
  });

  it.each([
    [['--podcliques=prefill'], '--podcliques'],
    [['--podcliques=prefill:0'], '--podcliques'],
    [['--podcliques=prefill:two'], '--podcliques'],
    [['--podcliques=:1'], '--podcliques'],
    [['--podcliques=Pre_fill:1'], '--podcliques'],
    [['--podcliques=a:1', '--podcliques=a:2'], '--podcliques'],
    [['--podcliques'], '--podcliques'],
    [['--log-level=loud'], '--log-level'],
    [['--health-port=1'], '--health-port'],
  ])('rejects %j naming %s', (argv, flag) => {
    const err = configError(argv);
    expect(err.flag).toBe(flag);
    expect(err.message).toMatch(new RegExp(`^invalid ${flag}: [^\\n]+$`));
  });

  it('names LOG_LEVEL when the bad value came from the environment', () => {
    expect(configError([], { LOG_LEVEL: 'loud' }).flag).toBe('--log-level (from LOG_LEVEL)');
  });
});
