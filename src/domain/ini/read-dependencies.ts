import type { DependencyDocument } from './campaign-document.js';
import type { IniEntry, IniSection } from './lex-ini.js';
import type { ProblemList, Where } from './problem-list.js';
import { readOneLine } from './scalar-codecs.js';
import { reportUnknownKey, whereOf } from './section-where.js';

/** A dependency and where its `campaign_stage_<k>` entry is. */
export interface LocatedDependency extends DependencyDocument {
  where: Where;
}

/**
 * [dependencies DOWNSTREAM]: `campaign_stage_<k> = upstream` and `file_pattern_<k> = pattern`,
 * paired by the suffix k, in the file order of the campaign_stage_<k> keys. An empty pattern means
 * every file (`%`, as the original reads it) and is kept empty so the export writes it back as is.
 */
export function readDependencies(
  section: IniSection,
  downstream: string,
  problems: ProblemList,
): LocatedDependency[] {
  const stages = new Map<string, IniEntry>();
  const patterns = new Map<string, IniEntry>();
  for (const entry of section.entries) {
    const m = /^(campaign_stage|file_pattern)_(.+)$/.exec(entry.key);
    if (m) (m[1] === 'campaign_stage' ? stages : patterns).set(m[2], entry);
    else reportUnknownKey(problems, section, entry, 'campaign_stage_<k>, file_pattern_<k>');
  }
  for (const [k, pattern] of patterns) {
    if (!stages.has(k))
      problems.error(whereOf(section, pattern), `file_pattern_${k} has no campaign_stage_${k}`);
  }
  const found = new Map<string, LocatedDependency>();
  for (const [k, entry] of stages) {
    const where = whereOf(section, entry);
    const pattern = patterns.get(k);
    if (!pattern) {
      problems.error(where, `campaign_stage_${k} has no file_pattern_${k}`);
      continue;
    }
    if (entry.value === '') {
      problems.error(where, 'The upstream stage name is empty');
      continue;
    }
    const upstream = problems.take(where, readOneLine(entry.value));
    if (upstream === undefined) continue;
    const twin = found.get(upstream);
    if (twin) {
      problems.error(
        where,
        `Stage '${upstream}' is already an upstream of '${downstream}' (${twin.where.key})`,
      );
      continue;
    }
    found.set(upstream, { downstream, upstream, filePattern: pattern.value, where });
  }
  return [...found.values()];
}
