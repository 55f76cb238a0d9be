import { isoSeconds } from '../splits/iso-seconds.js';
import type { SplitDialect } from '../splits/split-dialect.js';

// The SAM dimensions each split type defines (external-apis.md 2.6), byte for byte the original's.

const minus = (last: number) => (last ? ` minus snapshot_id ${last}` : '');

export const samSplitDims: SplitDialect = {
  service: 'sam',
  slice: (ds, n, offset) => `defname: ${ds} with limit ${n} offset ${offset}`,
  first: (ds, n) => `defname: ${ds} with limit ${n}`,
  stride: (ds, n, k) => `defname: ${ds} with stride ${n} offset ${k}`,
  undelivered: (ds, last) => `defname: ${ds}${minus(last)}`,
  limit: (query, n) => `${query} with limit ${n}`,
  run: (ds, run) => `defname: ${ds} and run_number ${run}`,
  // SAM binds `and` tighter than `minus`: without the parentheses other runs would slip through.
  runSubrun: (query, last, run, subrun) =>
    `${last ? `(${query})` : query} and run_number ${run}.${String(subrun).padStart(4, '0')}`,
  endTimeWindow: (ds, start, end, zone) =>
    `defname: ${ds} and end_time > '${isoSeconds(start, zone)}'` +
    ` and end_time <= '${isoSeconds(end, zone)}'`,
  staged: (project, last, n) =>
    `project_name ${project} and consumed_status 'consumed'${minus(last)} with limit ${n}`,
  stagedName: (project) => project,
  snapshotUnion: (a, b) => `snapshot_id ${a} or snapshot_id ${b}`,
};
