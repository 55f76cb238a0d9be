import type { SplitDialect } from '../../splits/split-dialect.js';
import { MQL_KEYS, runSubrun } from './mql-keys.js';
import { mqlDatetime, qualifiedName } from './mql-text.js';
import { fileList } from './provenance-mql.js';

// The MQL each split type runs on MetaCat (external-apis.md 4.2): `files from ns:ds` for a
// dataset, `ordered` wherever a slice must be stable between calls, `skip`/`limit` for slices,
// `filter every_nth(n, k)` for strides, `-` for what was delivered. A POMS snapshot is a frozen
// MetaCat dataset `<namespace>:poms_snapshot_<id>` (snapshotName). Times are always written in UTC
// (MetaCat compares epoch seconds, so the zone of `new_local` changes nothing).

export const snapshotName = (namespace: string, id: number): string => `${namespace}:poms_snapshot_${id}`;

/** The MQL dialect for an experiment whose POMS-made datasets live in `namespace`. */
export function mqlSplitDialect(namespace: string): SplitDialect {
  const from = (ds: string) => {
    const q = qualifiedName(ds);
    return `files from ${q.namespace}:${q.name}`;
  };
  const snapshot = (id: number) => `files from ${snapshotName(namespace, id)}`;
  return {
    service: 'metacat',
    slice: (ds, n, offset) => `${from(ds)} ordered skip ${offset} limit ${n}`,
    first: (ds, n) => `${from(ds)} ordered limit ${n}`,
    stride: (ds, n, k) => `filter every_nth(${n}, ${k})(${from(ds)} ordered)`,
    undelivered: (ds, last) => (last ? `(${from(ds)} - ${snapshot(last)})` : from(ds)),
    limit: (query, n) => `(${query}) ordered limit ${n}`,
    run: (ds, run) => `${from(ds)} where ${MQL_KEYS.runs}[any] = ${run}`,
    runSubrun: (query, _last, run, subrun) =>
      `(${query}) where ${MQL_KEYS.runsSubruns}[any] = ${runSubrun(run, subrun)}`,
    endTimeWindow: (ds, start, end) =>
      `${from(ds)} where ${MQL_KEYS.endTime} > ${mqlDatetime(start)}` +
      ` and ${MQL_KEYS.endTime} <= ${mqlDatetime(end)}`,
    // A Data Dispatcher project's done files are not a MetaCat query: the port lists them from DD.
    staged: (_project, last, n, consumed) =>
      consumed?.length
        ? `(${last ? `${fileList(consumed)} - ${snapshot(last)}` : fileList(consumed)}) ordered limit ${n}`
        : null,
    stagedName: (project) => `${namespace}:dd_project_${project}`,
    snapshotUnion: (a, b) => `union(${snapshot(a)}, ${snapshot(b)})`,
  };
}
