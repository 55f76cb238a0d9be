import type { DimsCmpOp, DimsDate, DimsNode } from './dims-ast.js';
import type { SimFile } from './dims-catalogue.js';
import { filesNamed, type DimsContext, type FileSet } from './dims-context.js';
import { allProjects, projectFiles, projectStatusSet } from './dims-project-status.js';
import { matchesAny } from './like-pattern.js';

type Leaf = Extract<
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

const DAY_MS = 86_400_000;

/** Files matching one dimension that needs no sub-query. */
export function leafSet(ctx: DimsContext, node: Leaf): FileSet {
  switch (node.kind) {
    case 'snapshot_id':
      return filesNamed(
        ctx,
        node.ids.flatMap((id) => ctx.catalogue.snapshot(id) ?? []),
      );
    case 'snapshot_for_project_name':
      return filesNamed(
        ctx,
        node.projects.flatMap((p) => ctx.catalogue.projectSnapshot(p) ?? []),
      );
    case 'project_name':
      return projectFiles(ctx, node.projects);
    case 'consumed_status':
      return projectStatusSet(ctx, allProjects(ctx), [node.values]);
    case 'field':
      return filter(ctx, (f) => matchesAny(node.values, fieldOf(f, node.field)));
    case 'param':
      return filter(ctx, (f) => matchesAny(node.values, f.params?.[node.key]));
    case 'run_number':
      return filter(ctx, (f) =>
        node.runs.some((r) => f.runs.some(([run, sub]) => run === r.run && (r.subrun ?? sub) === sub)),
      );
    case 'date':
      return filter(ctx, (f) => {
        const d = node.field === 'create_date' ? f.createDate : f.endTime;
        return d !== undefined && compareDate(d.getTime(), node.op, node.value);
      });
  }
}

function filter(ctx: DimsContext, keep: (f: SimFile) => boolean): FileSet {
  return new Set(ctx.universe.filter(keep));
}

function fieldOf(f: SimFile, field: 'file_name' | 'version' | 'data_tier'): string | undefined {
  return field === 'file_name' ? f.name : field === 'version' ? f.version : f.dataTier;
}

function compareDate(t: number, op: DimsCmpOp, v: DimsDate): boolean {
  switch (op) {
    case '<':
      return t < v.epochMs;
    case '<=':
      return t <= v.epochMs;
    case '>':
      return t > v.epochMs;
    case '>=':
      return t >= v.epochMs;
    case '=':
      return v.dateOnly ? t >= v.epochMs && t < v.epochMs + DAY_MS : t === v.epochMs;
  }
}
