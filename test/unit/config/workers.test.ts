import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { loadConfig } from '../../../src/config/load-config.js';
import { workerCount } from '../../../src/config/workers.js';
import { configProblems } from '../../helpers/config-problems.js';

const pg = { DATABASE_URL: 'postgres://poms@db/poms' };

describe('[server] workers', () => {
  it('is one process unless set; 0 means one per CPU', () => {
    expect(workerCount(loadConfig({}))).toBe(1);
    expect(workerCount(loadConfig({ ...pg, POMS_SERVER_WORKERS: '3', POMS_SIM_ENABLED: 'false' }))).toBe(3);
    const perCpu = loadConfig({ ...pg, POMS_SERVER_WORKERS: '0', POMS_SIM_ENABLED: 'false' });
    expect(workerCount(perCpu)).toBe(os.availableParallelism());
  });

  it('refuses several processes on the embedded database or with the in-process simulator, naming the setting', () => {
    const p = configProblems({ POMS_SERVER_WORKERS: '2' });
    expect(p).toEqual([
      expect.stringMatching(/^\[server\] workers: 2 processes need PostgreSQL/),
      expect.stringMatching(/^\[server\] workers: 2 processes would each start their own simulator/),
    ]);
    expect(configProblems({ ...pg, POMS_SERVER_WORKERS: '2' })).toEqual([
      expect.stringMatching(/simulator.*\[sim\] enabled = false/),
    ]);
    // Real services (or the simulator run on its own) with PostgreSQL: accepted.
    expect(configProblems({ ...pg, POMS_SERVER_WORKERS: '2', POMS_SIM_ENABLED: 'false' })).toEqual([]);
    expect(configProblems({ ...pg, POMS_SERVER_WORKERS: '65' })).toEqual([
      expect.stringMatching(/^\[server\] workers: .*65|^\[server\] workers:/),
    ]);
  });
});
