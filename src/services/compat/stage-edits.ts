import { compatReadModel } from '../../db/read-models/compat-read-model.js';
import type { StageFieldKey } from '../../domain/ini/index.js';
import { invalid, notFound } from '../../lib/errors.js';
import type { Knex } from 'knex';
import { dependencyService } from '../campaigns/dependency-service.js';
import { stageInput, stageService, type StageService } from '../campaigns/stage-service.js';
import type { UserContext } from '../user-context.js';
import type { EditAction } from './definition-edits.js';
import { mergePairs } from './pairs-merge.js';
import { literalPairs, parsePythonLiteral } from './python-literal.js';

type Fields = Record<string, string | undefined>;

/** campaign_stage_edit's ae_* fields → stage fields by .ini name. */
const STAGE_FIELDS: Readonly<Record<string, StageFieldKey>> = {
  ae_vo_role: 'vo_role',
  ae_software_version: 'software_version',
  ae_dataset: 'dataset_or_split_data',
  ae_split_type: 'cs_split_type',
  ae_completion_type: 'completion_type',
  ae_completion_pct: 'completion_pct',
  ae_param_overrides: 'param_overrides',
  ae_test_param_overrides: 'test_param_overrides',
  ae_launch_name: 'login_setup',
  ae_campaign_definition: 'job_type',
  ae_cronjob: 'default_clear_cronjob',
};
const PAIR_FIELDS = new Set<StageFieldKey>(['param_overrides', 'test_param_overrides']);

/**
 * update_campaign_stage's column names (the original's campaign_stages columns it let a client set:
 * every column but ids, creator/updater and timestamps) → stage fields by .ini name.
 */
const STAGE_COLUMNS: Readonly<Record<string, StageFieldKey>> = {
  vo_role: 'vo_role',
  software_version: 'software_version',
  dataset: 'dataset_or_split_data',
  cs_split_type: 'cs_split_type',
  test_split_type: 'test_split_type',
  completion_type: 'completion_type',
  completion_pct: 'completion_pct',
  param_overrides: 'param_overrides',
  test_param_overrides: 'test_param_overrides',
  merge_overrides: 'merge_overrides',
  output_ancestor_depth: 'output_ancestor_depth',
  campaign_stage_type: 'stage_type',
  default_clear_cronjob: 'default_clear_cronjob',
};
/** Fields every poms_client call carries; not columns. */
const CALL_FIELDS = new Set(['campaign_stage', 'experiment', 'role', 'pcl_call', 'test', 'fmt', 'redirect']);

/** `{"campaign_stages": [names], "file_patterns": [patterns]}` (older clients: "campaigns"). */
function readDepends(text: string): Array<{ upstream: string; file_pattern: string }> {
  const v = parsePythonLiteral(text, 'ae_depends') as Record<string, unknown> | unknown[] | null;
  if (Array.isArray(v) && v.length === 0) return [];
  const o = (v ?? {}) as Record<string, unknown>;
  const names = (o.campaign_stages ?? o.campaigns ?? []) as unknown[];
  const patterns = (o.file_patterns ?? []) as unknown[];
  if (!Array.isArray(names) || !Array.isArray(patterns))
    throw invalid('ae_depends must be {"campaign_stages": [...], "file_patterns": [...]}', [
      { field: 'ae_depends', message: 'unexpected shape' },
    ]);
  return names.map((n, i) => ({ upstream: String(n), file_pattern: String(patterns[i] ?? '%') }));
}

// campaign_stage_edit (add/edit/delete a stage with its dependencies) and update_stage_param_overrides,
// on the stage and dependency services. An edit changes only the fields the call sends; ae_depends,
// when sent, becomes exactly the stage's upstream dependencies. Each call is one transaction: a bad
// dependency after a good field change leaves the stage as it was.
export function stageEdits(db: Knex) {
  /** The services bound to one transaction (PGlite has one connection: nothing may use `db` inside). */
  function inTransaction<T>(work: (t: ReturnType<typeof bound>) => Promise<T>): Promise<T> {
    return db.transaction((trx) => work(bound(trx)));
  }
  const bound = (trx: Knex) => ({
    read: compatReadModel(trx),
    stages: stageService(trx),
    dependencies: dependencyService(trx),
  });
  const read = compatReadModel(db);

  /** The stage's own values with `updates` applied ('' = inherit), saved through the service. */
  async function save(
    stages: StageService,
    user: UserContext,
    exp: string,
    id: number,
    updates: Record<string, unknown>,
  ) {
    const cur = await stages.get(user, exp, id);
    const next: Record<string, unknown> = { ...cur.fields, name: cur.name };
    for (const [k, v] of Object.entries(updates))
      if (v === '') delete next[k];
      else next[k] = v;
    return stages.update(user, exp, id, stageInput.parse(next));
  }

  async function setDepends(
    { stages, dependencies }: ReturnType<typeof bound>,
    user: UserContext,
    exp: string,
    id: number,
    wanted: ReturnType<typeof readDepends>,
  ) {
    const cur = await stages.get(user, exp, id);
    const missing = wanted.filter((w) => !cur.campaign_stages.includes(w.upstream));
    if (missing.length)
      throw invalid(`no stage named ${missing[0].upstream} in this campaign`, [
        { field: 'ae_depends', message: 'unknown stage' },
      ]);
    const key = (d: { upstream: string; file_pattern: string }) => `${d.upstream}\u0000${d.file_pattern}`;
    const want = new Set(wanted.map(key));
    for (const d of cur.upstream)
      if (!want.has(key(d))) await dependencies.remove(user, exp, d.dependency_id);
    const have = new Set(cur.upstream.map(key));
    for (const w of wanted) if (!have.has(key(w))) await dependencies.add(user, exp, id, w);
  }

  async function campaignIdOf(read: ReturnType<typeof compatReadModel>, exp: string, f: Fields) {
    const raw = (f.ae_campaign_id ?? f.ae_campaign_name ?? '').trim();
    if (!raw)
      throw invalid('ae_campaign_name (or ae_campaign_id) is required', [
        { field: 'ae_campaign_name', message: 'required' },
      ]);
    const id =
      /^\d+$/.test(raw) && (await read.campaignName(exp, Number(raw)))
        ? Number(raw)
        : await read.campaignId(exp, raw);
    if (!id) throw notFound(`campaign ${raw} in ${exp}`);
    return id;
  }

  return {
    async campaignStage(user: UserContext, exp: string, action: EditAction, f: Fields) {
      const name = (f.ae_stage_name ?? '').trim();
      if (!name)
        throw invalid('ae_stage_name is required', [{ field: 'ae_stage_name', message: 'required' }]);
      const updates: Record<string, unknown> = {};
      for (const [field, key] of Object.entries(STAGE_FIELDS)) {
        const v = f[field];
        if (v === undefined) continue;
        updates[key] = PAIR_FIELDS.has(key) && v.trim() ? JSON.stringify(literalPairs(v, field)) : v.trim();
      }
      const depends = f.ae_depends?.trim() ? readDepends(f.ae_depends) : undefined;
      return inTransaction(async (t) => {
        const campaignId = await campaignIdOf(t.read, exp, f);
        const campaign = (await t.read.campaignName(exp, campaignId))!;
        const existing = await t.read.stageId(exp, campaign, name);
        if (action !== 'add' && !existing) throw notFound(`stage ${name} of campaign ${campaign}`);
        if (action === 'delete') {
          await t.stages.remove(user, exp, existing!);
          return { message: `The campaign stage ${name} has been deleted.`, campaign_stage_id: existing };
        }
        let id = existing;
        if (action === 'add') {
          const fields = Object.fromEntries(Object.entries(updates).filter(([, v]) => v !== ''));
          id = (await t.stages.create(user, exp, campaignId, stageInput.parse({ name, ...fields }))).stage_id;
        } else await save(t.stages, user, exp, id!, updates);
        if (depends) await setDepends(t, user, exp, id!, depends);
        return {
          message: `The campaign stage ${name} has been ${action === 'add' ? 'added' : 'updated'}.`,
          campaign_stage_id: id,
        };
      });
    },

    /** A stage by id or by [campaign, stage] (a list, or the two repeated form values). */
    async stageRef(exp: string, ref: string[]): Promise<number> {
      let parts = ref;
      if (parts.length === 1 && /^\s*[[(]/.test(parts[0])) {
        const v = parsePythonLiteral(parts[0], 'campaign_stage');
        parts = Array.isArray(v) ? v.map(String) : parts;
      }
      const id =
        parts.length === 1 && /^\d+$/.test(parts[0].trim())
          ? (await read.stageNames(exp, Number(parts[0])))
            ? Number(parts[0])
            : null
          : parts.length === 2
            ? await read.stageId(exp, parts[0], parts[1])
            : null;
      if (!id) throw notFound(`campaign stage ${parts.join('/')} in ${exp}`);
      return id;
    },

    /**
     * update_campaign_stage: sets the named columns (a Python/JSON literal for the two override
     * lists, `name` renames). A name that is not a settable column is refused (the original
     * ignored it silently, hiding typos).
     */
    async updateColumns(user: UserContext, exp: string, id: number, f: Fields) {
      const updates: Record<string, unknown> = {};
      let rename: string | undefined;
      for (const [col, raw] of Object.entries(f)) {
        if (CALL_FIELDS.has(col) || raw === undefined) continue;
        if (col === 'name') {
          rename = raw.trim();
          continue;
        }
        const key = STAGE_COLUMNS[col];
        if (!key)
          throw invalid(`${col} is not a campaign stage column update_campaign_stage can set`, [
            { field: col, message: `settable: name, ${Object.keys(STAGE_COLUMNS).join(', ')}` },
          ]);
        updates[key] =
          PAIR_FIELDS.has(key) && raw.trim() ? JSON.stringify(literalPairs(raw, col)) : raw.trim();
      }
      if (rename !== undefined) updates.name = rename;
      if (!Object.keys(updates).length) return 'Success';
      await inTransaction(({ stages }) => save(stages, user, exp, id, updates));
      return 'Success';
    },

    /** Merges pairs into the stage's overrides (an empty value removes the key); answers both lists. */
    async paramOverrides(user: UserContext, exp: string, id: number, f: Fields) {
      return inTransaction(({ stages }) => mergeOverrides(stages, user, exp, id, f));
    },
  };

  async function mergeOverrides(stages: StageService, user: UserContext, exp: string, id: number, f: Fields) {
    const cur = await stages.get(user, exp, id);
    const updates: Record<string, unknown> = {};
    const out: Array<unknown[] | null> = [null, null];
    (['param_overrides', 'test_param_overrides'] as const).forEach((key, i) => {
      const text = f[key]?.trim();
      if (!text) return;
      const own = cur.fields[key];
      const merged = mergePairs(Array.isArray(own) ? (own as string[][]) : [], literalPairs(text, key));
      updates[key] = JSON.stringify(merged);
      out[i] = merged;
    });
    if (Object.keys(updates).length) await save(stages, user, exp, id, updates);
    return out;
  }
}

export type StageEdits = ReturnType<typeof stageEdits>;
