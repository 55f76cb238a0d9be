import type { StageFields } from './campaign-document.js';
import type { IniEntry, IniSection } from './lex-ini.js';
import type { ProblemList } from './problem-list.js';
import { reportUnknownKey, whereOf } from './section-where.js';
import { STAGE_FIELD_CODECS } from './stage-field-codecs.js';
import { isStageFieldKey, STAGE_FIELD_KEYS, STAGE_FIELD_PROP } from './stage-field-keys.js';

/**
 * Stage keys of a [campaign_stage X] or [campaign_defaults] section. An empty value means "not set"
 * (the original fell back to the default for it). `state` is accepted and has no effect. `extra`
 * handles further keys of the section and says whether it took the entry.
 */
export function readStageFields(
  section: IniSection,
  problems: ProblemList,
  extra: { keys: string[]; take(entry: IniEntry): void } = { keys: [], take: () => undefined },
): StageFields {
  const fields: Record<string, unknown> = {};
  for (const entry of section.entries) {
    if (entry.key === 'state') continue;
    if (extra.keys.includes(entry.key)) {
      extra.take(entry);
      continue;
    }
    if (!isStageFieldKey(entry.key)) {
      reportUnknownKey(problems, section, entry, [...STAGE_FIELD_KEYS, ...extra.keys, 'state'].join(', '));
      continue;
    }
    if (entry.value === '') continue;
    const value = problems.take(whereOf(section, entry), STAGE_FIELD_CODECS[entry.key].read(entry.value));
    if (value !== undefined) fields[STAGE_FIELD_PROP[entry.key]] = value;
  }
  return fields as StageFields;
}
