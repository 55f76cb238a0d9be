import type { CampaignDocument, CampaignInfo } from './campaign-document.js';
import { checkDependencyGraph } from './check-dependency-graph.js';
import { decodeIniInput } from './decode-ini-input.js';
import { IniFormatError, type Problem } from './ini-format-error.js';
import { lexIni } from './lex-ini.js';
import { inLineOrder, ProblemList } from './problem-list.js';
import { readSections, type SectionsRead } from './read-sections.js';

export interface ParsedCampaignIni {
  doc: CampaignDocument;
  /** Things worth telling the user that do not stop the import, in line order. */
  warnings: Problem[];
}

/** [campaign] keywords, overridden by those of [campaign_defaults] (where the original upload read them). */
function mergeKeywords(read: SectionsRead, problems: ProblemList): Record<string, string> {
  const keywords = { ...read.campaign?.info.keywords };
  const fromDefaults = read.defaultsKeywords;
  if (!fromDefaults) return keywords;
  for (const [key, value] of Object.entries(fromDefaults.keywords)) {
    if (Object.hasOwn(keywords, key) && keywords[key] !== value) {
      problems.warn(
        fromDefaults.where,
        `Keyword '${key}' is '${keywords[key]}' in [campaign] but '${value}' here; the [campaign_defaults] value is used`,
      );
    }
  }
  return Object.fromEntries([...Object.entries(keywords), ...Object.entries(fromDefaults.keywords)]);
}

function warnAboutHints(read: SectionsRead, campaign: CampaignInfo, problems: ProblemList): void {
  const stages = new Set(read.stages.map((s) => s.name));
  const where = { line: read.campaign?.listLine, section: 'campaign', key: 'campaign_stage_list' };
  for (const name of new Set(campaign.stageListHint)) {
    if (!stages.has(name)) {
      problems.warn(
        where,
        `Stage '${name}' is in campaign_stage_list but no [campaign_stage ${name}] section defines it; ignored`,
      );
    }
  }
  for (const { position, where: at } of read.positions) {
    if (position.id !== `campaign ${campaign.name}` && !stages.has(position.id)) {
      problems.warn(
        at,
        `Node '${position.id}' is neither the campaign nor one of its stages; its position is kept`,
      );
    }
  }
}

/**
 * Reads a campaign .ini file (UTF-8 bytes or text). Throws IniFormatError listing every problem
 * found (code 'invalid_input'; 'too_large' above MAX_INI_BYTES). The document keeps the file's
 * explicit values even where they equal the defaults; see normaliseCampaignDocument.
 */
export function parseCampaignIni(input: string | Uint8Array): ParsedCampaignIni {
  const text = decodeIniInput(input);
  const problems = new ProblemList();
  const read = readSections(lexIni(text, problems), problems);
  if (!read.campaign) problems.error({}, 'No [campaign] section in the file');
  if (read.stages.length === 0) problems.error({}, 'No [campaign_stage <name>] section in the file');
  checkDependencyGraph(read, problems);
  const campaign: CampaignInfo = {
    ...(read.campaign?.info ?? { name: '', stageListHint: [] }),
    keywords: mergeKeywords(read, problems),
  };
  warnAboutHints(read, campaign, problems);
  if (problems.errors.length > 0) throw IniFormatError.of(inLineOrder(problems.errors));
  const doc: CampaignDocument = {
    campaign,
    defaults: read.defaults,
    nodePositions: read.positions.map((p) => p.position),
    stages: read.stages,
    loginSetups: read.loginSetups,
    jobTypes: read.jobTypes,
    dependencies: read.dependencies.map(({ downstream, upstream, filePattern }) => ({
      downstream,
      upstream,
      filePattern,
    })),
  };
  return { doc, warnings: inLineOrder(problems.warnings) };
}
