import type { SamProjectSummary } from '../../../domain/files/sam-totals.js';
import { samIso } from '../catalogue/sam-file.js';
import type { SamProject } from './sam-project.js';

const FILE_STATUSES = ['consumed', 'completed', 'cancelled', 'failed', 'delivered', 'unknown', 'skipped'];
const PROCESS_STATUSES = ['active', 'completed', 'bad'];

/** Snapshot files per consumed status (`unknown`: never handed out), every key present. */
export function fileStatusCounts(p: SamProject): Record<string, number> {
  const counts = Object.fromEntries(FILE_STATUSES.map((s) => [s, 0]));
  for (const f of p.files) counts[p.fileStatus[f]?.status ?? 'unknown']++;
  return counts;
}

/**
 * `projects/name/<p>/summary?format=json&process_limit=N` (external-apis.md 2.3). `file_counts` and
 * `process_counts` always carry every key (0 when none); `processes` only when processLimit > 0,
 * at most that many, oldest first. `counts`: the project's fileStatusCounts when its owner keeps
 * them (SamProjects does), so a summary does not walk a 100,000-file snapshot.
 */
export function projectSummary(
  p: SamProject,
  processLimit: number,
  counts: Readonly<Record<string, number>> = fileStatusCounts(p),
): SamProjectSummary {
  const fileCounts = { ...counts };
  const processCounts = Object.fromEntries(PROCESS_STATUSES.map((s) => [s, 0]));
  for (const proc of p.processes) processCounts[proc.status]++;
  return {
    project_name: p.name,
    project_id: p.id,
    station: p.station,
    group: p.group,
    username: p.user,
    project_status: p.status,
    ...(p.defname ? { dataset_def_name: p.defname } : {}),
    snapshot_id: p.snapshotId,
    start_time: samIso(p.startMs),
    end_time: p.endMs === undefined ? null : samIso(p.endMs),
    files_in_snapshot: p.files.length,
    file_counts: fileCounts,
    process_counts: processCounts,
    ...(processLimit > 0
      ? { processes: p.processes.slice(0, processLimit).map((proc) => processSummary(p, proc.id)) }
      : {}),
  };
}

function processSummary(p: SamProject, id: number) {
  const proc = p.processes.find((x) => x.id === id)!;
  const counts: Record<string, number> = {
    consumed: 0,
    cancelled: 0,
    failed: 0,
    skipped: 0,
    delivered: 0,
    unknown: 0,
  };
  for (const f of proc.delivered) {
    const s = p.fileStatus[f];
    if (s?.processId === id) counts[s.status === 'completed' ? 'consumed' : s.status]++;
  }
  return {
    process_id: proc.id,
    status: proc.status,
    application: { name: proc.appname, version: proc.appversion },
    node: proc.node,
    username: proc.user,
    start_time: samIso(proc.startMs),
    end_time: proc.endMs === undefined ? null : samIso(proc.endMs),
    counts,
  };
}

/**
 * `recovery_dimensions`: dims of the snapshot files not released as consumed; with useProcess also
 * the consumed files of processes that ended `bad`. Empty string when that set is empty (decided by
 * the caller's count, since an unconsumed file may exist only in the snapshot).
 */
export function recoveryDimensions(p: SamProject, useProcess: boolean): { dims: string; files: string[] } {
  const notConsumed = p.files.filter((f) => !isConsumed(p.fileStatus[f]?.status));
  const fromBad = useProcess
    ? p.processes
        .filter((proc) => proc.status === 'bad')
        .flatMap((proc) => proc.delivered.filter((f) => isConsumed(p.fileStatus[f]?.status)))
    : [];
  const files = [...new Set([...notConsumed, ...fromBad])];
  if (files.length === 0) return { dims: '', files };
  const q = `'${p.name}'`;
  const base = `snapshot_for_project_name ${q} minus (project_name ${q} and consumed_status consumed)`;
  const dims = fromBad.length ? `(${base}) or file_name ${fromBad.map((f) => `'${f}'`).join(',')}` : base;
  return { dims, files };
}

const isConsumed = (s: string | undefined) => s === 'consumed' || s === 'completed';
