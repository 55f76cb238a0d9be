import type { CampaignInfo } from './campaign-document.js';
import { readKeywords } from './keywords-codec.js';
import type { IniSection } from './lex-ini.js';
import type { ProblemList } from './problem-list.js';
import { readOneLine } from './scalar-codecs.js';
import { reportMissingKey, reportUnknownKey, whereOf } from './section-where.js';
import { parseStageList } from './stage-list.js';

export interface CampaignSectionRead {
  info: CampaignInfo;
  section: IniSection;
  /** Line of `campaign_stage_list` / `campaign_keywords`, for later warnings. */
  listLine?: number;
  keywordsLine?: number;
}

const KNOWN = ['name', 'experiment', 'poms_role', 'state', 'campaign_keywords', 'campaign_stage_list'];
const OPTIONAL_TEXT = { experiment: 'experiment', poms_role: 'pomsRole', state: 'state' } as const;

export function readCampaignSection(section: IniSection, problems: ProblemList): CampaignSectionRead {
  const read: CampaignSectionRead = { info: { name: '', keywords: {}, stageListHint: [] }, section };
  for (const entry of section.entries) {
    const where = whereOf(section, entry);
    const { key, value } = entry;
    if (key === 'name') {
      if (value === '') problems.error(where, 'The campaign name is empty');
      else read.info.name = problems.take(where, readOneLine(value)) ?? '';
    } else if (key === 'experiment' || key === 'poms_role' || key === 'state') {
      const text = value === '' ? undefined : problems.take(where, readOneLine(value));
      if (text !== undefined) read.info[OPTIONAL_TEXT[key]] = text;
    } else if (key === 'campaign_keywords') {
      read.keywordsLine = entry.line;
      if (value !== '') read.info.keywords = problems.take(where, readKeywords(value)) ?? {};
    } else if (key === 'campaign_stage_list') {
      read.listLine = entry.line;
      read.info.stageListHint = parseStageList(value);
    } else {
      reportUnknownKey(problems, section, entry, KNOWN.join(', '));
    }
  }
  if (!section.entries.some((e) => e.key === 'name')) reportMissingKey(problems, section, 'name');
  return read;
}
