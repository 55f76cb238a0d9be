import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { StageLaunchConfig } from './launch-config.js';

/** JSON with sorted keys, so equal content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

async function snapshot(
  trx: Knex.Transaction,
  table: string,
  sourceColumn: string,
  sourceId: number,
  content: unknown,
) {
  const text = canonicalJson(content);
  const hash = crypto.createHash('sha256').update(text).digest('hex');
  const found = await trx(table)
    .where({ [sourceColumn]: sourceId, content_hash: hash })
    .first('snapshot_id');
  if (found) return found.snapshot_id as number;
  const [row] = await trx(table)
    .insert({ [sourceColumn]: sourceId, content_hash: hash, content: text })
    .onConflict([sourceColumn, 'content_hash'])
    .merge({ content_hash: hash })
    .returning('snapshot_id');
  return row.snapshot_id as number;
}

export type SnapshotKind = 'stage' | 'job_type' | 'login_setup';

/**
 * What a launch with `cfg` snapshots, by kind: the stage without its cursors and hold, with
 * completion_pct and its campaign; the job type; the login setup. The submission page diffs a
 * submission's snapshots against these.
 */
export function snapshotContents(cfg: StageLaunchConfig): Record<SnapshotKind, unknown> {
  const { splitCursor: _c, testSplitCursor: _t, heldBy: _h, ...stage } = cfg.stage;
  return {
    stage: {
      ...stage,
      completion_pct: cfg.stage.completionPct,
      campaign: { id: cfg.campaign.id, name: cfg.campaign.name, keywords: cfg.campaign.keywords },
    },
    job_type: cfg.jobType,
    login_setup: cfg.loginSetup,
  };
}

/**
 * Frozen copies of the stage (with defaults applied), job type and login setup as this launch used
 * them; identical content reuses the existing snapshot (deduplicated by content hash).
 */
export async function snapshotConfig(trx: Knex.Transaction, cfg: StageLaunchConfig) {
  const content = snapshotContents(cfg);
  return {
    stage_snapshot_id: await snapshot(trx, 'stage_snapshots', 'stage_id', cfg.stage.id, content.stage),
    job_type_snapshot_id: await snapshot(
      trx,
      'job_type_snapshots',
      'job_type_id',
      cfg.jobType.id,
      content.job_type,
    ),
    login_setup_snapshot_id: await snapshot(
      trx,
      'login_setup_snapshots',
      'login_setup_id',
      cfg.loginSetup.id,
      content.login_setup,
    ),
  };
}
