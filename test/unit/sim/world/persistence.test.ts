import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StateFile } from '../../../../src/sim/persistence/state-file.js';
import type { WorldState } from '../../../../src/sim/world/world-state.js';
import { manualWorld, MINUTE, pomsEnv, shim } from './sim-test-world.js';

const roundTrip = (s: WorldState): WorldState => JSON.parse(JSON.stringify(s));

describe('world persistence', () => {
  it('a world saved mid-run and reloaded continues exactly like the one that never stopped', async () => {
    const a = manualWorld({ demo: true });
    a.world.faults.patch({ global: { fileFailureRate: 0.2, holdRate: 0.1 } });
    await shim(a.world, 'fife_launch', ['-Oglobal.dataset=demo_raw', '-Oglobal.njobs=6'], pomsEnv(101));
    a.clock.advance(7 * MINUTE);

    const b = manualWorld({ saved: roundTrip(a.world.toJSON()) });
    expect(b.world.now()).toBe(a.world.now());
    for (const t of [a, b]) t.clock.advance(3 * 3600_000);
    expect(b.world.toJSON()).toEqual(a.world.toJSON());
    // held workers wait for a release that never comes; every other worker has finished
    const workers = b.world.batch.allJobs().filter((j) => j.role === 'worker');
    expect(workers.every((j) => j.status === 4 || j.status === 5)).toBe(true);
  });

  it('StateFile writes atomically, reloads, and refuses a foreign file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-state-'));
    try {
      const { world } = manualWorld({ demo: true });
      const file = new StateFile(dir, 5);
      expect(file.load()).toBeUndefined();
      file.attach(world);
      world.defineDataset('samdev', 'later', 'file_name x');
      // The debounced save lands when it lands (a loaded machine can take a while): wait for it.
      await vi.waitFor(
        () => {
          const saved = new StateFile(dir).load();
          expect(saved?.experiments[0].definitions.map((d) => d.name)).toContain('later');
        },
        { timeout: 20_000, interval: 10 },
      );
      await file.close();
      expect(fs.readdirSync(dir)).toEqual(['sim-state.json']);
      fs.writeFileSync(file.path, '{"format":"other"}');
      expect(() => file.load()).toThrow(/expected poms-sim\/1/);
      fs.writeFileSync(file.path, '{');
      expect(() => file.load()).toThrow(/not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
