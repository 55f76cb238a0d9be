// Times the simulator's SAM dimension engine on the queries POMS sends for one submission, over a
// catalogue the size of the issue-13 soak: N raw files in one project, two passes of stage s1
// (N outputs each, tied by poms.submission_id), s2 outputs of the first pass. `npm run bench:dims`,
// BENCH_DIMS_FILES=N (default 100000).
import { SamExperiment } from '../src/sim/sam/sam-experiment.js';
import { initialCounters } from '../src/sim/world/id-counters.js';
import { outputFilesDims, pendingDims } from '../src/domain/files/stats-dims.js';
import { locatedCheckDims } from '../src/domain/files/located-dims.js';
import type { SamSubmissionContext } from '../src/domain/files/sam-context.js';

const N = Number(process.env.BENCH_DIMS_FILES ?? 100_000);
const T0 = Date.UTC(2026, 11, 6, 10);
const exp = new SamExperiment('samdev', initialCounters(), () => undefined);
const cat = exp.catalogue;
const raw = Array.from({ length: N }, (_, k) => `soak_raw_${String(k + 1).padStart(6, '0')}.root`);
let t = performance.now();
for (const name of raw)
  cat.declareFile({ name, createDate: T0 - 86_400_000, locations: ['enstore:raw'] }, T0);
const snap = cat.addSnapshot(raw, T0, undefined);

function pass(project: string, sid: number, prefix: string, parents: string[], at: number, suffix = '') {
  exp.projects.start(
    { name: project, station: 'samdev', group: 'samdev', user: 'poms', snapshotId: snap.id, files: parents },
    at,
  );
  const proc = exp.projects.establishProcess(project, {}, at);
  const out: string[] = [];
  for (const f of parents) {
    exp.projects.getNextFile(project, proc.id);
    exp.projects.updateFileStatus(project, proc.id, f, 'consumed');
    const name = `${prefix}_${f.replace(/\.root$/, '')}${suffix}.root`;
    cat.declareFile(
      {
        name,
        parents: [f],
        createDate: at + 60_000,
        application: { family: 's', name: prefix, version: 'soak1' },
        locations: ['dcache:x'],
        params: { 'poms.submission_id': sid, 'sim.jobsub_id': `${sid}.0@sim` },
      },
      at + 60_000,
    );
    out.push(name);
  }
  return out;
}
pass('p1', 1, 's1', raw, T0);
pass('p2', 2, 's1', raw, T0 + 3_600_000, '_c2');
console.info(`built ${cat.fileCount()} files in ${Math.round(performance.now() - t)} ms`);

const ctx: SamSubmissionContext = {
  attribution: { submissionId: 1, completedAt: new Date(T0 + 1_800_000), param: 'poms.submission_id' },
  project: 'p1',
  softwareVersion: 'soak1',
  created: new Date(T0),
  outputAncestorDepth: 1,
};
const queries: Record<string, string> = {
  declared: outputFilesDims(ctx, ['s1_%'], 'anylocation'),
  located: outputFilesDims(ctx, ['s1_%'], 'physical'),
  pending: pendingDims(ctx, ['s1_%']),
  locatedCheck: locatedCheckDims(ctx, ['s1_%']),
  definition: "file_name like 'soak_raw_%'",
};
for (let round = 0; round < 2; round++)
  for (const [name, dims] of Object.entries(queries)) {
    t = performance.now();
    const c = process.cpuUsage();
    const n = exp.count(dims);
    const cpu = process.cpuUsage(c);
    console.info(
      `${name.padEnd(14)} ${String(n).padStart(7)} files ${Math.round(performance.now() - t)} ms (${Math.round((cpu.user + cpu.system) / 1000)} ms CPU)`,
    );
  }
