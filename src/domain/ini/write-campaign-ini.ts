// Deterministic .ini export: [campaign], [campaign_defaults], [node_positions], each
// [campaign_stage X], [dependencies X] per downstream stage, [login_setup X], [job_type X].
// Stage keys equal to the campaign default are omitted; JSON is compact with ", " separators.
// The file reads back as normaliseCampaignDocument(doc) (if doc is valid).

import type { CampaignDocument, StageFields } from './campaign-document.js';
import { formatKeywords } from './keywords-codec.js';
import { formatNodePosition } from './node-position-codec.js';
import { normaliseCampaignDocument } from './normalise-campaign-document.js';
import { formatEntry } from './normalise-text.js';
import { formatParamPairs } from './param-pairs-codec.js';
import { formatRecoveries } from './recoveries-codec.js';
import { STAGE_FIELD_CODECS } from './stage-field-codecs.js';
import { STAGE_FIELD_KEYS, STAGE_FIELD_PROP } from './stage-field-keys.js';
import { formatStageList } from './stage-list.js';

type Entries = Array<[key: string, value: string | undefined]>;

function stageEntries(fields: StageFields): Entries {
  return STAGE_FIELD_KEYS.map((key) => {
    const value = fields[STAGE_FIELD_PROP[key]];
    return [key, value === undefined ? undefined : STAGE_FIELD_CODECS[key].format(value)];
  });
}

/** Appends `[header]`, its entries (unset ones skipped) and a blank line to `out`. */
function section(out: string[], header: string, entries: Entries): void {
  out.push(`[${header}]`);
  for (const [key, value] of entries) {
    if (value !== undefined) for (const line of formatEntry(key, value)) out.push(line);
  }
  out.push('');
}

export function writeCampaignIni(input: CampaignDocument): string {
  const doc = normaliseCampaignDocument(input);
  const { campaign, defaults } = doc;
  const out: string[] = [];
  section(out, 'campaign', [
    ['experiment', campaign.experiment],
    ['poms_role', campaign.pomsRole],
    ['name', campaign.name],
    ['state', campaign.state],
    ['campaign_keywords', formatKeywords(campaign.keywords)],
    [
      'campaign_stage_list',
      campaign.stageListHint.length > 0 ? formatStageList(campaign.stageListHint) : undefined,
    ],
  ]);
  if (Object.keys(defaults).length > 0) section(out, 'campaign_defaults', stageEntries(defaults));
  if (doc.nodePositions.length > 0) {
    section(
      out,
      'node_positions',
      doc.nodePositions.map((p, i) => [`nxy${i}`, formatNodePosition(p)]),
    );
  }
  for (const { name, ...fields } of doc.stages) section(out, `campaign_stage ${name}`, stageEntries(fields));
  const groups = new Map<string, Entries>();
  for (const d of doc.dependencies) {
    const entries = groups.get(d.downstream) ?? [];
    const k = entries.length / 2 + 1;
    entries.push([`campaign_stage_${k}`, d.upstream], [`file_pattern_${k}`, d.filePattern]);
    groups.set(d.downstream, entries);
  }
  for (const [downstream, entries] of groups) section(out, `dependencies ${downstream}`, entries);
  for (const ls of doc.loginSetups) {
    section(out, `login_setup ${ls.name}`, [
      ['host', ls.host],
      ['account', ls.account],
      ['setup', ls.setup],
    ]);
  }
  for (const jt of doc.jobTypes) {
    section(out, `job_type ${jt.name}`, [
      ['launch_script', jt.launchScript],
      ['parameters', formatParamPairs(jt.parameters)],
      ['output_file_patterns', jt.outputFilePatterns],
      ['recoveries', formatRecoveries(jt.recoveries)],
    ]);
  }
  return out.join('\n');
}
