import type { SeededRng } from '../clock/seeded-rng.js';

// The realistic mix of failure causes the knob `causeMix` draws from (external-apis.md 6.5): each
// entry's texts carry the numbers, paths, hosts and ids that differ between two occurrences of the
// same cause on a real grid, drawn from the world's seeded random source so a scenario replays.

export interface CrashCause {
  weight: number;
  exitCode: number;
  /** Lines the application prints to stderr before dying; `rng` fills the variable parts. */
  err: (rng: SeededRng, file: string | undefined) => string[];
}

export interface HoldCause {
  weight: number;
  code: number;
  reason: (rng: SeededRng) => string;
}

export interface FileCause {
  weight: number;
  /** The job's stdout line for a file that failed. */
  line: (rng: SeededRng, file: string) => string;
}

const wn = (rng: SeededRng) => `fnpc${rng.int(1000, 9999)}.fnal.gov`;
const dir = (rng: SeededRng) => `/srv/condor/execute/dir_${rng.int(10000, 99999)}`;

export const CRASH_CAUSES: CrashCause[] = [
  {
    weight: 4,
    exitCode: 137,
    err: (rng) => [
      `${dir(rng)}/run.sh: line ${rng.int(20, 90)}: ${rng.int(1000, 99999)} Killed lar -c reco.fcl`,
      `Killed: memory usage ${rng.int(2100, 4000)} MB exceeded request_memory 2000 MB`,
    ],
  },
  {
    weight: 3,
    exitCode: 139,
    err: (rng) => [
      `Thread ${rng.int(1, 9)} "lar" received signal SIGSEGV`,
      `Segmentation fault (core dumped) at 0x7f${rng.hex(10)} in libreco_module.so`,
    ],
  },
  {
    weight: 2,
    exitCode: 65,
    err: (rng, file) => [
      `%MSG-s ArtException: PostEndJob ${new Date(1_700_000_000_000 + rng.int(0, 1e9)).toISOString()}`,
      `---- ProductNotFound BEGIN: no product of type recob::Hit in /pnfs/samdev/scratch/${file ?? 'input.root'}`,
    ],
  },
  {
    weight: 1,
    exitCode: 92,
    err: (rng) => [
      `ifdh cp failed: gsiftp://fndca${rng.int(1, 4)}.fnal.gov:2811/pnfs/samdev/out/f_${rng.int(1, 9999)}.root: Connection timed out after ${rng.int(300, 900)} s on ${wn(rng)}`,
    ],
  },
];

export const HOLD_CAUSES: HoldCause[] = [
  {
    weight: 3,
    code: 26,
    reason: (rng) =>
      `Job put on hold by remote host ${wn(rng)}: memory usage ${rng.int(2100, 4000)} MB exceeded request_memory 2000 MB`,
  },
  {
    weight: 2,
    code: 47,
    reason: (rng) => `The job exceeded allowed execute duration of ${rng.int(8, 48)}:00:00`,
  },
  {
    weight: 1,
    code: 13,
    reason: (rng) =>
      `Error from slot1_${rng.int(1, 32)}@${wn(rng)}: Failed to transfer files: ${dir(rng)}/out.tar: No space left on device`,
  },
];

export const FILE_CAUSES: FileCause[] = [
  {
    weight: 3,
    line: (rng, f) =>
      `ERROR processing ${f}: exit status 65 from the application after ${rng.int(3, 300)} events`,
  },
  {
    weight: 2,
    line: (rng, f) =>
      `ERROR reading ${f}: TFile::Init: file /pnfs/samdev/raw/${f} is truncated at ${rng.int(1e5, 9e6)} bytes`,
  },
  {
    weight: 1,
    line: (rng, f) =>
      `ERROR ifdh fetch of ${f} failed: xrootd root://fndca${rng.int(1, 4)}.fnal.gov:1094/${f} timed out`,
  },
];

/** Index of an entry drawn with probability proportional to its weight. */
export function drawCause(rng: SeededRng, causes: ReadonlyArray<{ weight: number }>): number {
  const total = causes.reduce((s, c) => s + c.weight, 0);
  let x = rng.next() * total;
  for (let i = 0; i < causes.length; i++) {
    x -= causes[i].weight;
    if (x < 0) return i;
  }
  return causes.length - 1;
}
