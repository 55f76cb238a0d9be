import type { DimsMatch } from './dims-ast.js';
import type { SimFile } from './dims-catalogue.js';
import { filesNamed, type DimsContext, type FileSet } from './dims-context.js';
import { dateRange, leafTest, type DimsLeaf } from './dims-leaf-test.js';
import { projectSize, projectStatusSet } from './dims-project-status.js';
import { likeToRegExp } from './like-pattern.js';

/**
 * Files matching one leaf dimension (and `keep`, when given: the rest of an `and` chain, tested
 * as each file is found): from the catalogue's indexes when one answers it (names, values,
 * create times, projects), else by a scan.
 */
export function leafSet(ctx: DimsContext, node: DimsLeaf, keep?: (f: SimFile) => boolean): FileSet {
  switch (node.kind) {
    case 'snapshot_id':
      return filesNamed(
        ctx,
        node.ids.flatMap((id) => ctx.catalogue.snapshot(id) ?? []),
        keep,
      );
    case 'snapshot_for_project_name':
      return filesNamed(
        ctx,
        node.projects.flatMap((p) => ctx.catalogue.projectSnapshot(p) ?? []),
        keep,
      );
    case 'project_name':
      return projectStatusSet(ctx, node.projects, [], keep);
    case 'consumed_status':
      return projectStatusSet(ctx, ctx.allProjects(), [node.values], keep);
    default: {
      const candidates = indexedCandidates(ctx, node);
      const out: FileSet = new Set();
      for (const f of candidates ?? ctx.scan()) if (leafTest(ctx, node, f) && (!keep || keep(f))) out.add(f);
      return out;
    }
  }
}

/** An upper bound of the leaf's result size, cheap to compute (the planner's cost). */
export function leafEstimate(ctx: DimsContext, node: DimsLeaf): number {
  switch (node.kind) {
    case 'snapshot_id':
      return node.ids.reduce((n, id) => n + ctx.snapshotNames(id).size, 0);
    case 'snapshot_for_project_name':
      return node.projects.reduce((n, p) => n + ctx.projectSnapshotNames(p).size, 0);
    case 'project_name':
      return projectSize(ctx, node.projects);
    case 'consumed_status':
      return projectSize(ctx, ctx.allProjects());
    default:
      return indexedCount(ctx, node) ?? ctx.size;
  }
}

type Indexable = Exclude<DimsLeaf, { kind: 'snapshot_id' | 'snapshot_for_project_name' | 'project_name' }>;

/** Files that may match (a superset), or null when no index narrows the leaf. */
function indexedCandidates(ctx: DimsContext, node: Indexable): Iterable<SimFile> | null {
  const index = ctx.index;
  if (node.kind === 'field' && node.field === 'file_name') return nameCandidates(ctx, node.values);
  if (!index) return null;
  if (node.kind === 'field' || node.kind === 'param') {
    const sets = matchingValues(ctx, node.kind === 'param' ? node.key : node.field, node.values);
    return sets && eachOf(sets);
  }
  if (node.kind === 'date' && node.field === 'create_date')
    return index.createdBetween(...dateRange(node.op, node.value));
  return null;
}

function* eachOf(sets: ReadonlyArray<ReadonlySet<SimFile>>): Iterable<SimFile> {
  for (const s of sets) yield* s;
}

function indexedCount(ctx: DimsContext, node: Indexable): number | null {
  const index = ctx.index;
  if (node.kind === 'field' && node.field === 'file_name') {
    let n = 0;
    for (const v of node.values) {
      const prefix = v.like ? likePrefix(v.value) : null;
      if (!v.like) n += 1;
      else if (prefix && index) n += index.namesStartingWithCount(prefix);
      else return null;
    }
    return n;
  }
  if (!index) return null;
  if (node.kind === 'field' || node.kind === 'param') {
    const sets = matchingValues(ctx, node.kind === 'param' ? node.key : node.field, node.values);
    return sets && sets.reduce((n, s) => n + s.size, 0);
  }
  if (node.kind === 'date' && node.field === 'create_date')
    return index.createdBetweenCount(...dateRange(node.op, node.value));
  return null;
}

function nameCandidates(ctx: DimsContext, values: DimsMatch[]): SimFile[] | null {
  const out: SimFile[] = [];
  for (const v of values) {
    if (!v.like) {
      const f = ctx.file(v.value);
      if (f) out.push(f);
      continue;
    }
    const prefix = likePrefix(v.value);
    if (!prefix || !ctx.index) return null;
    for (const f of ctx.index.namesStartingWith(prefix)) out.push(f);
  }
  return out;
}

/** The index's file sets of every distinct value matching one of `values`. */
function matchingValues(
  ctx: DimsContext,
  field: string,
  values: DimsMatch[],
): ReadonlyArray<ReadonlySet<SimFile>> | null {
  if (!ctx.index) return null;
  const byValue = ctx.index.values(field);
  if (values.every((m) => !m.like)) return values.flatMap((m) => byValue.get(m.value) ?? []);
  const out: ReadonlyArray<ReadonlySet<SimFile>>[number][] = [];
  for (const [value, files] of byValue)
    if (values.some((m) => (m.like ? likeToRegExp(m.value).test(value) : m.value === value))) out.push(files);
  return out;
}

/** The literal text a LIKE pattern starts with (before its first `%` or `_`). */
export function likePrefix(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) out += pattern[++i];
    else if (ch === '%' || ch === '_') return out;
    else out += ch;
  }
  return out;
}
