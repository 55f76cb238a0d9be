import type { DimsMatch } from './dims-ast.js';
import type { SimFile } from './dims-catalogue.js';
import type { DimsContext, FileSet } from './dims-context.js';
import { matchesAny } from './like-pattern.js';

/**
 * Files whose consumed status inside one of `projects` matches every list in `statusLists`.
 * A snapshot file with no recorded status counts as `unknown` (in the snapshot, never delivered).
 */
export function projectStatusSet(
  ctx: DimsContext,
  projects: string[],
  statusLists: DimsMatch[][],
  keep?: (f: SimFile) => boolean,
): FileSet {
  const out: FileSet = new Set();
  for (const project of projects) {
    for (const [name, status] of ctx.project(project).entries()) {
      if (!statusLists.every((values) => matchesAny(values, status))) continue;
      const file = ctx.file(name);
      if (file && (!keep || keep(file))) out.add(file);
    }
  }
  return out;
}

/** Whether the file's status in one of `projects` matches every list. */
export function inProjectStatus(
  ctx: DimsContext,
  projects: string[],
  statusLists: DimsMatch[][],
  name: string,
): boolean {
  return projects.some((p) => {
    const status = ctx.project(p).status(name);
    return status !== undefined && statusLists.every((values) => matchesAny(values, status));
  });
}

/** How many files the projects know (an upper bound of any status set of theirs). */
export const projectSize = (ctx: DimsContext, projects: string[]): number =>
  projects.reduce((n, p) => n + ctx.project(p).size, 0);
