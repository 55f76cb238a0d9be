import type { NewSamFile } from '../sam/catalogue/sam-file.js';
import type { SimWorld } from '../world/sim-world.js';

// The Rucio-era demo (issue 19): experiment `dune` (jobsub group `dune`, MetaCat namespace `dune`)
// with 20 raw ProtoDUNE-like files of run 5000 on tape, frozen as the MetaCat dataset
// `dune:dd_demo_raw` that campaign dd_demo reconstructs. Two of them fail the first time they are
// processed, so the chain shows a recovery from the Data Dispatcher states. Fixed times, as the
// SAM demo.

export const DD_DEMO_EXPERIMENT = 'dune';
export const DD_DEMO_DATASET = 'dune:dd_demo_raw';
export const DD_DEMO_FILES = 20;

export function ddDemoRawName(i: number): string {
  return `np04_raw_run5000_${String(i).padStart(4, '0')}.root`;
}

/** np04_raw_run5000_0004 and _0013 fail the first time they are processed. */
export const DD_DEMO_FIRST_PASS_FAILURES = [4, 13].map(ddDemoRawName);

const RAW_START = Date.parse('2025-05-05T08:00:00Z');

function rawFile(i: number): NewSamFile {
  const start = RAW_START + (i - 1) * 5 * 60_000;
  return {
    name: ddDemoRawName(i),
    size: 4_000_000_000 + i * 1_000,
    fileType: 'data',
    fileFormat: 'root',
    dataTier: 'raw',
    eventCount: 500,
    firstEvent: (i - 1) * 500 + 1,
    lastEvent: i * 500,
    startTime: start,
    endTime: start + 5 * 60_000,
    createDate: start + 15 * 60_000,
    createUser: 'np04daq',
    application: { family: 'online', name: 'dataflow', version: 'df_v4' },
    runs: [[5000, i, 'physics']],
    locations: [`enstore:/pnfs/dune/tape_backed/raw/5000`],
    checksum: [`adler32:${(0x5000 + i).toString(16)}`],
  };
}

/** Seeds the dune catalogue and the frozen dataset; returns the first-pass failures to add to the knobs. */
export function seedDdDemoWorld(world: SimWorld): string[] {
  const files = world.addFiles(
    DD_DEMO_EXPERIMENT,
    Array.from({ length: DD_DEMO_FILES }, (_, k) => rawFile(k + 1)),
  );
  world.metacat.saveDataset(
    DD_DEMO_DATASET,
    files.map((f) => `${DD_DEMO_EXPERIMENT}:${f.name}`),
    'dunepro',
    RAW_START + 24 * 3_600_000,
  );
  return DD_DEMO_FIRST_PASS_FAILURES;
}
