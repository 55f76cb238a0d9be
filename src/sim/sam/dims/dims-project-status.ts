import type { DimsMatch } from './dims-ast.js';
import type { DimsContext, FileSet } from './dims-context.js';
import { DimsError } from './dims-errors.js';
import { matchesAny } from './like-pattern.js';

/**
 * Files whose consumed status inside one of `projects` matches every list in `statusLists`.
 * A snapshot file with no recorded status counts as `unknown` (in the snapshot, never delivered).
 */
export function projectStatusSet(ctx: DimsContext, projects: string[], statusLists: DimsMatch[][]): FileSet {
  const out: FileSet = new Set();
  for (const project of projects) {
    for (const [name, status] of projectStatuses(ctx, project)) {
      const file = ctx.byName.get(name);
      if (file && statusLists.every((values) => matchesAny(values, status))) out.add(file);
    }
  }
  return out;
}

/** Files known in a project: its snapshot plus every file with a consumed status. */
export function projectFiles(ctx: DimsContext, projects: string[]): FileSet {
  return projectStatusSet(ctx, projects, []);
}

/** Every project, for `consumed_status` that no sibling term ties to a project. */
export function allProjects(ctx: DimsContext): string[] {
  const names = ctx.catalogue.projectNames?.();
  if (!names) throw new DimsError('consumed_status needs project_name or snapshot_for_project_name here');
  return [...names];
}

function projectStatuses(ctx: DimsContext, project: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of ctx.catalogue.projectSnapshot(project) ?? []) out.set(name, 'unknown');
  for (const [name, status] of ctx.catalogue.projectFileStatus(project) ?? []) out.set(name, status);
  return out;
}
