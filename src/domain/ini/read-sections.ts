// Turns lexed sections into document parts, recording every problem found along the way.

import type { JobTypeDocument, LoginSetupDocument, StageDocument, StageFields } from './campaign-document.js';
import { readKeywords } from './keywords-codec.js';
import type { IniSection } from './lex-ini.js';
import type { ProblemList, Where } from './problem-list.js';
import { readCampaignSection, type CampaignSectionRead } from './read-campaign-section.js';
import { readDependencies, type LocatedDependency } from './read-dependencies.js';
import { readJobType } from './read-job-type.js';
import { readLoginSetup } from './read-login-setup.js';
import { readNodePositions, type LocatedPosition } from './read-node-positions.js';
import { readStageFields } from './read-stage-fields.js';
import { whereOf } from './section-where.js';

export interface SectionsRead {
  campaign?: CampaignSectionRead;
  defaults: StageFields;
  /** `campaign_keywords` given in [campaign_defaults] (where the original upload read them). */
  defaultsKeywords?: { keywords: Record<string, string>; where: Where };
  positions: LocatedPosition[];
  stages: StageDocument[];
  loginSetups: LoginSetupDocument[];
  jobTypes: JobTypeDocument[];
  dependencies: LocatedDependency[];
  /** [dependencies X] sections by downstream stage name X. */
  dependencySections: Map<string, IniSection>;
}

/** Section kinds, and whether their header carries a name. */
const KINDS: Readonly<Record<string, boolean>> = {
  campaign: false,
  campaign_defaults: false,
  node_positions: false,
  campaign_stage: true,
  dependencies: true,
  login_setup: true,
  job_type: true,
};
const KIND_LIST = Object.entries(KINDS)
  .map(([kind, named]) => (named ? `[${kind} <name>]` : `[${kind}]`))
  .join(', ');

function checkHeader(section: IniSection, problems: ProblemList): boolean {
  const { kind, name } = section;
  const where = whereOf(section);
  if (!(kind in KINDS)) problems.error(where, `Unknown section kind '${kind}'; expected one of ${KIND_LIST}`);
  else if (KINDS[kind] && name === undefined)
    problems.error(where, `[${kind}] needs a name: [${kind} <name>]`);
  else if (!KINDS[kind] && name !== undefined)
    problems.error(where, `[${kind}] takes no name (found '${name}')`);
  else return true;
  return false;
}

export function readSections(sections: IniSection[], problems: ProblemList): SectionsRead {
  const read: SectionsRead = {
    defaults: {},
    positions: [],
    stages: [],
    loginSetups: [],
    jobTypes: [],
    dependencies: [],
    dependencySections: new Map(),
  };
  for (const section of sections) {
    if (!checkHeader(section, problems)) continue;
    const name = section.name ?? '';
    switch (section.kind) {
      case 'campaign':
        read.campaign = readCampaignSection(section, problems);
        break;
      case 'campaign_defaults':
        read.defaults = readStageFields(section, problems, {
          keys: ['campaign_keywords'],
          take: (entry) => {
            const where = whereOf(section, entry);
            const keywords = entry.value === '' ? {} : problems.take(where, readKeywords(entry.value));
            if (keywords) read.defaultsKeywords = { keywords, where };
          },
        });
        break;
      case 'node_positions':
        read.positions = readNodePositions(section, problems);
        break;
      case 'campaign_stage':
        read.stages.push({ name, ...readStageFields(section, problems) });
        break;
      case 'dependencies':
        read.dependencySections.set(name, section);
        for (const dep of readDependencies(section, name, problems)) read.dependencies.push(dep);
        break;
      case 'login_setup':
        read.loginSetups.push(readLoginSetup(section, name, problems));
        break;
      case 'job_type':
        read.jobTypes.push(readJobType(section, name, problems));
        break;
    }
  }
  return read;
}
