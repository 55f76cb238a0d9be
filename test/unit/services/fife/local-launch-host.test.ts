import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config/load-config.js';
import { createFifeAdapters } from '../../../../src/services/fife/create-fife-adapters.js';

// A login setup whose launch host is `localhost` must not run its (shell by design) setup text on the
// POMS server itself unless the grid is the simulator: with real jobsub it goes over SSH or nowhere.
describe('a local launch host', () => {
  const target = { host: 'localhost', account: 'poms' };

  it('runs in a local bash only for the simulated grid', async () => {
    const { shell } = createFifeAdapters(loadConfig({}, { server: { log_level: 'silent' } }), null);
    const r = await shell.run(target, 'echo local-$((6*7))\n', { timeoutMs: 10_000 });
    expect(r.output).toContain('local-42');
  });

  it('with real jobsub and no SSH configured, is refused instead of run on the POMS server', async () => {
    const config = loadConfig({}, { server: { log_level: 'silent' }, jobsub: { mode: 'real' } });
    const { shell } = createFifeAdapters(config, null);
    await expect(shell.run(target, 'touch /tmp/poms-should-not-exist\n')).rejects.toThrow(
      /cannot reach poms@localhost/,
    );
  });
});
