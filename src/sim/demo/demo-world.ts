import type { NewSamFile } from '../sam/catalogue/sam-file.js';
import type { SimWorld } from '../world/sim-world.js';
import { seedDdDemoWorld } from './dd-demo-world.js';

// The demo world (external-apis.md 6.6): experiment `samdev` (jobsub group `fermilab`) with the
// input datasets of the sample campaigns, and the scenario knob "3 input files fail in the first
// pass only". Times are fixed so the catalogue is the same on every machine. The MetaCat experiment
// `dune` of campaign dd_demo is seeded beside it (dd-demo-world.ts).

export const DEMO_EXPERIMENT = 'samdev';
/** raw_run1000_0007, _0019, _0031 fail the first time they are processed. */
export const DEMO_FIRST_PASS_FAILURES = [7, 19, 31].map((i) => rawName(i));

const DAY = 86_400_000;
const RAW_START = Date.parse('2025-01-10T00:00:00Z');

function rawName(i: number): string {
  return `raw_run1000_${String(i).padStart(4, '0')}.root`;
}

function rawFile(run: number, i: number, name: string, start: number): NewSamFile {
  return {
    name,
    size: 1_500_000_000 + i * 1_000,
    fileType: 'data',
    fileFormat: 'artroot',
    dataTier: 'raw',
    eventCount: 1000,
    firstEvent: (i - 1) * 1000 + 1,
    lastEvent: i * 1000,
    startTime: start,
    endTime: start + 10 * 60_000,
    createDate: start + 20 * 60_000,
    createUser: 'samdevdaq',
    application: { family: 'online', name: 'daq', version: 'daq_v1' },
    runs: [[run, i, 'physics']],
    locations: [`enstore:/pnfs/samdev/raw/${run}`],
    checksum: [`adler32:${(0x1000 + i).toString(16)}`],
  };
}

export function seedDemoWorld(world: SimWorld): void {
  const exp = DEMO_EXPERIMENT;
  // demo_raw: 40 raw files of run 1000, ten minutes each.
  world.addFiles(
    exp,
    Array.from({ length: 40 }, (_, k) => rawFile(1000, k + 1, rawName(k + 1), RAW_START + k * 10 * 60_000)),
  );
  world.defineDataset(exp, 'demo_raw', 'file_name raw_run1000_%', {
    description: 'demo reco input: 40 raw files',
  });
  // demo_raw_small: the first 8 of them (quick launches).
  world.defineDataset(exp, 'demo_raw_small', 'defname:demo_raw with limit 8', {
    description: 'first 8 demo_raw files',
  });
  // demo_gen_cfg: 5 files, runs 1..3 (1,1,2,2,3), end times one day apart (split-type examples).
  const runs = [1, 1, 2, 2, 3];
  world.addFiles(
    exp,
    runs.map((run, k) => ({
      ...rawFile(
        run,
        k + 1,
        `demo_gen_cfg_${String(k + 1).padStart(3, '0')}.root`,
        Date.parse('2025-02-01T00:00:00Z') + k * DAY,
      ),
      dataTier: 'config',
      fileType: 'mc' as const,
      eventCount: 100,
    })),
  );
  world.defineDataset(exp, 'demo_gen_cfg', 'file_name demo_gen_cfg_%', {
    description: '5 generator configs, runs 1-3',
  });
  // demo_calib: 12 calibration files of run 2000, two of them not yet located.
  world.addFiles(
    exp,
    Array.from({ length: 12 }, (_, k) => ({
      ...rawFile(
        2000,
        k + 1,
        `calib_run2000_${String(k + 1).padStart(4, '0')}.root`,
        Date.parse('2025-03-01T00:00:00Z') + k * 3_600_000,
      ),
      dataTier: 'calib',
      ...(k >= 10 ? { locations: [] } : {}),
    })),
  );
  world.defineDataset(exp, 'demo_calib', 'file_name calib_run2000_%', {
    description: '12 calibration files',
  });
  const ddFailures = seedDdDemoWorld(world);
  world.faults.patch({ global: { firstPassFailures: [...DEMO_FIRST_PASS_FAILURES, ...ddFailures] } });
}
