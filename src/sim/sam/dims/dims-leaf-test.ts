import type { DimsCmpOp, DimsDate, DimsNode } from './dims-ast.js';
import type { SimFile } from './dims-catalogue.js';
import type { DimsContext } from './dims-context.js';
import { inProjectStatus } from './dims-project-status.js';
import { matchesAny } from './like-pattern.js';

/** A dimension that needs no sub-query. */
export type DimsLeaf = Extract<
  DimsNode,
  {
    kind:
      | 'snapshot_id'
      | 'snapshot_for_project_name'
      | 'project_name'
      | 'consumed_status'
      | 'field'
      | 'param'
      | 'run_number'
      | 'date';
  }
>;

export const DAY_MS = 86_400_000;

/** Whether one live file matches one leaf dimension. */
export function leafTest(ctx: DimsContext, node: DimsLeaf, f: SimFile): boolean {
  switch (node.kind) {
    case 'snapshot_id':
      return node.ids.some((id) => ctx.snapshotNames(id).has(f.name));
    case 'snapshot_for_project_name':
      return node.projects.some((p) => ctx.projectSnapshotNames(p).has(f.name));
    case 'project_name':
      return inProjectStatus(ctx, node.projects, [], f.name);
    case 'consumed_status':
      return inProjectStatus(ctx, ctx.allProjects(), [node.values], f.name);
    case 'field':
      return matchesAny(node.values, fieldOf(f, node.field));
    case 'param':
      return matchesAny(node.values, f.params?.[node.key]);
    case 'run_number':
      return node.runs.some((r) => f.runs.some(([run, sub]) => run === r.run && (r.subrun ?? sub) === sub));
    case 'date': {
      const d = node.field === 'create_date' ? f.createDate : f.endTime;
      return d !== undefined && compareDate(d.getTime(), node.op, node.value);
    }
  }
}

export function fieldOf(f: SimFile, field: 'file_name' | 'version' | 'data_tier'): string | undefined {
  return field === 'file_name' ? f.name : field === 'version' ? f.version : f.dataTier;
}

/** The times [from, to) in ms a date comparison accepts. */
export function dateRange(op: DimsCmpOp, v: DimsDate): [number, number] {
  switch (op) {
    case '<':
      return [-Infinity, v.epochMs];
    case '<=':
      return [-Infinity, v.epochMs + 1];
    case '>':
      return [v.epochMs + 1, Infinity];
    case '>=':
      return [v.epochMs, Infinity];
    case '=':
      return v.dateOnly ? [v.epochMs, v.epochMs + DAY_MS] : [v.epochMs, v.epochMs + 1];
  }
}

function compareDate(t: number, op: DimsCmpOp, v: DimsDate): boolean {
  const [from, to] = dateRange(op, v);
  return t >= from && t < to;
}
