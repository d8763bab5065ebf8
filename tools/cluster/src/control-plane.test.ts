import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArgsInput } from './args.js';
import type { ComponentSpec } from './components.js';
import { componentStates } from './control-plane.js';
import { logFile, pidFile, portsFrom, stateLayout } from './layout.js';
import { pkiPaths } from './pki.js';
import { startProcess, stopRecordedProcess } from './processes.js';

function sleeperSpec(args: string[]): ComponentSpec {
  return {
    name: 'sleeper',
    binary: 'sleep',
    wave: 0,
    port: 1,
    args: () => args,
    probe: async () => ({ ok: true, detail: 'ok' }),
    startupTimeoutSeconds: 1,
  };
}

describe('componentStates', () => {
  it('marks a running component as current only while its command line is the one wanted now', async () => {
    const layout = stateLayout(mkdtempSync(join(tmpdir(), 'state-')));
    const input: ArgsInput = { ports: portsFrom(20000), layout, pki: pkiPaths(layout.pki) };
    startProcess({
      name: 'sleeper',
      binary: '/bin/sleep',
      args: ['30'],
      logFile: logFile(layout, 'sleeper'),
      pidFile: pidFile(layout, 'sleeper'),
    });
    try {
      const [same] = componentStates([sleeperSpec(['30'])], input);
      expect(same).toMatchObject({ running: true, current: true });
      const [changed] = componentStates([sleeperSpec(['31'])], input);
      expect(changed).toMatchObject({ running: true, current: false });
    } finally {
      await stopRecordedProcess(pidFile(layout, 'sleeper'));
    }
    const [stopped] = componentStates([sleeperSpec(['30'])], input);
    expect(stopped).toMatchObject({ running: false, current: false });
  });
});
