import type { IniEntry, IniSection } from './lex-ini.js';
import type { ProblemList, Where } from './problem-list.js';

/** Location of an entry, or of the section header when there is no entry. */
export const whereOf = (section: IniSection, entry?: IniEntry): Where =>
  entry
    ? { line: entry.line, section: section.label, key: entry.key }
    : { line: section.line, section: section.label };

export function reportUnknownKey(
  problems: ProblemList,
  section: IniSection,
  entry: IniEntry,
  known: string,
): void {
  problems.error(whereOf(section, entry), `Unknown key '${entry.key}'; [${section.kind}] takes ${known}`);
}

export function reportMissingKey(problems: ProblemList, section: IniSection, key: string): void {
  problems.error({ ...whereOf(section), key }, `Missing key '${key}'`);
}
