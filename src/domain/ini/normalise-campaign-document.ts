// The canonical form of a document: what writing it and reading the file back gives.
// parseCampaignIni(writeCampaignIni(doc)).doc deep-equals normaliseCampaignDocument(doc).

import type {
  CampaignDocument,
  DependencyDocument,
  JobTypeDocument,
  StageDocument,
  StageFields,
} from './campaign-document.js';
import { normaliseText } from './normalise-text.js';
import { STAGE_FIELD_KEYS, STAGE_FIELD_PROP, type StageFieldKey } from './stage-field-keys.js';
import { parseStageList } from './stage-list.js';

const NONEABLE: readonly StageFieldKey[] = ['dataset_or_split_data', 'cs_split_type', 'test_split_type'];

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Text trimmed line by line; "" is "not set"; `None` is null in the split/dataset fields. */
export function normaliseStageFields(fields: StageFields): StageFields {
  const out: Record<string, unknown> = {};
  for (const key of STAGE_FIELD_KEYS) {
    const prop = STAGE_FIELD_PROP[key];
    let value: unknown = fields[prop];
    if (typeof value === 'string') {
      value = normaliseText(value);
      if (value === '') continue;
      if (NONEABLE.includes(key) && (value as string).toLowerCase() === 'none') value = null;
    }
    if (value !== undefined) out[prop] = copy(value);
  }
  return out as StageFields;
}

/** The stage without the values that equal the campaign defaults (writing omits them). */
function withoutDefaults(stage: StageDocument, defaults: StageFields): StageDocument {
  const fields = normaliseStageFields(stage) as Record<string, unknown>;
  const inherited = defaults as Record<string, unknown>;
  for (const prop of Object.keys(fields)) {
    if (inherited[prop] !== undefined && same(fields[prop], inherited[prop])) delete fields[prop];
  }
  return { name: normaliseText(stage.name), ...fields };
}

function normaliseJobType(jt: JobTypeDocument): JobTypeDocument {
  const out: JobTypeDocument = {
    name: normaliseText(jt.name),
    launchScript: normaliseText(jt.launchScript),
    parameters: copy(jt.parameters),
    recoveries: copy(jt.recoveries),
  };
  const patterns = normaliseText(jt.outputFilePatterns ?? '');
  if (patterns !== '') out.outputFilePatterns = patterns;
  return out;
}

/** Grouped by downstream stage (one section each), groups in order of first appearance. */
function groupDependencies(deps: DependencyDocument[]): DependencyDocument[] {
  const groups = new Map<string, DependencyDocument[]>();
  for (const d of deps) {
    const dep = {
      downstream: normaliseText(d.downstream),
      upstream: normaliseText(d.upstream),
      filePattern: normaliseText(d.filePattern),
    };
    const group = groups.get(dep.downstream) ?? [];
    group.push(dep);
    groups.set(dep.downstream, group);
  }
  return [...groups.values()].flat();
}

export function normaliseCampaignDocument(doc: CampaignDocument): CampaignDocument {
  const { name, experiment, pomsRole, state, keywords, stageListHint } = doc.campaign;
  const optional = Object.entries({ experiment, pomsRole, state })
    .map(([k, v]) => [k, normaliseText(v ?? '')])
    .filter(([, v]) => v !== '');
  const defaults = normaliseStageFields(doc.defaults);
  return {
    campaign: {
      name: normaliseText(name),
      ...Object.fromEntries(optional),
      keywords: { ...keywords },
      stageListHint: parseStageList(normaliseText(stageListHint.join(','))),
    },
    defaults,
    nodePositions: doc.nodePositions.map((p) => ({
      id: p.id,
      x: p.x === 0 ? 0 : p.x,
      y: p.y === 0 ? 0 : p.y,
    })),
    stages: doc.stages.map((s) => withoutDefaults(s, defaults)),
    loginSetups: doc.loginSetups.map((ls) => ({
      name: normaliseText(ls.name),
      host: normaliseText(ls.host),
      account: normaliseText(ls.account),
      setup: normaliseText(ls.setup),
    })),
    jobTypes: doc.jobTypes.map(normaliseJobType),
    dependencies: groupDependencies(doc.dependencies),
  };
}
