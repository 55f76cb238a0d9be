import type { StageDocument, StageFields } from './campaign-document.js';
import { findCycles } from './find-cycles.js';
import type { IniSection } from './lex-ini.js';
import type { ProblemList } from './problem-list.js';
import type { LocatedDependency } from './read-dependencies.js';
import { whereOf } from './section-where.js';

export interface GraphInput {
  stages: StageDocument[];
  defaults: StageFields;
  dependencies: LocatedDependency[];
  dependencySections: Map<string, IniSection>;
}

/** A self-dependency relaunches the stage on its next split, so a split type must advance. */
function splitBlocksSelfDependency(split: string | null | undefined): string | undefined {
  if (split === undefined) return 'not set';
  if (split === null) return 'None';
  if (split.trim() === '') return 'empty';
  return /^(none|draining)$/i.test(split.trim()) ? split : undefined;
}

/** Stages named by dependencies exist; self-dependencies have a split type; no other cycles. */
export function checkDependencyGraph(input: GraphInput, problems: ProblemList): void {
  const stages = new Map(input.stages.map((s) => [s.name, s]));
  for (const [downstream, section] of input.dependencySections) {
    if (!stages.has(downstream)) {
      problems.error(
        whereOf(section),
        `No [campaign_stage ${downstream}] section defines the stage these dependencies are for`,
      );
    }
  }
  const edges = new Map<string, string[]>();
  const byEdge = new Map<string, LocatedDependency>();
  for (const dep of input.dependencies) {
    const stage = stages.get(dep.downstream);
    if (!stage) continue;
    if (!stages.has(dep.upstream)) {
      problems.error(dep.where, `Stage '${dep.upstream}' is not defined in this file`);
      continue;
    }
    if (dep.upstream === dep.downstream) {
      const blocked = splitBlocksSelfDependency(
        stage.csSplitType !== undefined ? stage.csSplitType : input.defaults.csSplitType,
      );
      if (blocked !== undefined) {
        problems.error(
          dep.where,
          `Stage '${stage.name}' depends on itself; that needs a split type other than None or draining (cs_split_type is ${blocked})`,
        );
      }
      continue;
    }
    const out = edges.get(dep.upstream) ?? [];
    out.push(dep.downstream);
    edges.set(dep.upstream, out);
    byEdge.set(`${dep.upstream}\n${dep.downstream}`, dep);
  }
  for (const cycle of findCycles([...stages.keys()], edges)) {
    const deps = cycle.slice(1).map((to, i) => byEdge.get(`${cycle[i]}\n${to}`) as LocatedDependency);
    const first = deps.reduce((a, b) => ((b.where.line ?? 0) < (a.where.line ?? 0) ? b : a));
    problems.error(first.where, `Dependency cycle: ${cycle.join(' → ')}`);
  }
}
