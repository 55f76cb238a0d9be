import type { Knex } from 'knex';
import type { NotifyConfig } from '../../config/notify-config.js';
import { completionReadModel } from '../../db/read-models/completion-read-model.js';
import { stallReadModel } from '../../db/read-models/stall-read-model.js';
import { recordEvent } from '../../db/stores/notify-outbox-store.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { durationText, type ExpiringCredential } from '../../domain/credentials/index.js';
import { campaignStalls } from '../../domain/stalls/campaign-stalls.js';
import { recordSubmissionEvent } from './submission-events.js';

const MINUTE = 60_000;
/** Outcomes older than this are not looked at again for completion (their events exist by then). */
const COMPLETION_LOOKBACK_MS = 2 * 24 * 60 * MINUTE;

/**
 * Conditions that last rather than happen in one transaction — a submission Held too long, a
 * campaign stalled, a stage or campaign complete — noticed each run and written to the outbox once
 * per occurrence (each event's dedupe key names the occurrence).
 */
export function notifyWatch(deps: {
  db: Knex;
  config: NotifyConfig;
  now: () => Date;
  /** The launch credentials POMS holds per experiment (absent: nothing to watch). */
  credentials?: {
    expiringProduction(experiment: string, now: Date, warnS: number): Promise<ExpiringCredential[]>;
  };
}) {
  const { db, config } = deps;

  async function heldTooLong(now: Date, signal?: AbortSignal): Promise<number> {
    const cutoff = new Date(now.getTime() - config.held_after_min * MINUTE);
    const held: SubmissionRow[] = await db('submissions')
      .where('status', 'Held')
      .where('status_at', '<=', cutoff)
      .orderBy('status_at')
      .limit(1000);
    let n = 0;
    for (const s of held) {
      signal?.throwIfAborted(); // the loop's lease, before each event (issue 16)
      const since = new Date(s.status_at);
      const mins = Math.floor((now.getTime() - since.getTime()) / MINUTE);
      if (
        await recordSubmissionEvent(
          db,
          s,
          'submission.held',
          `Held for ${mins} min (since ${since.toISOString()})`,
          {
            dedupeKey: `held:${s.submission_id}:${since.getTime()}`,
            details: { held_since: since.toISOString(), jobs_held: s.jobs_held },
            at: now,
          },
        )
      )
        n++;
    }
    return n;
  }

  async function stalls(now: Date, signal?: AbortSignal): Promise<number> {
    const rows = await stallReadModel(db).stalledStages({ defaultHours: config.stall_hours }, now);
    let n = 0;
    for (const c of campaignStalls(rows, now)) {
      signal?.throwIfAborted();
      const stages = c.stages.map((s) => `${s.stage} (${s.stalled_for_h} h, threshold ${s.stall_hours} h)`);
      const fresh = await recordEvent(
        db,
        {
          kind: 'campaign.stalled',
          experiment: c.experiment,
          campaignId: c.campaign_id,
          summary:
            `Campaign ${c.campaign} stalled: no file located for ${c.stalled_for_h} h, since ` +
            `${c.since.at.toISOString()} (${c.since.text}); stages: ${stages.join(', ')}`,
          details: { since: c.since, stalled_for_h: c.stalled_for_h, stages: c.stages },
          dedupeKey: `stalled:${c.campaign_id}:${c.since.at.getTime()}`,
        },
        now,
      );
      if (fresh) n++;
    }
    return n;
  }

  async function completions(experiments: string[], now: Date, signal?: AbortSignal): Promise<number> {
    const read = completionReadModel(db);
    const since = new Date(now.getTime() - COMPLETION_LOOKBACK_MS);
    let n = 0;
    const campaigns = new Set<number>();
    for (const experiment of experiments)
      for (const s of await read.completeStages(experiment, since)) {
        campaigns.add(s.campaign_id);
        signal?.throwIfAborted();
        const files =
          s.files_located === null ? '' : `, ${s.files_located} input file(s) with located output`;
        const fresh = await recordEvent(
          db,
          {
            kind: 'stage.complete',
            experiment: s.experiment,
            campaignId: s.campaign_id,
            stageId: s.stage_id,
            summary: `Stage ${s.stage} (campaign ${s.campaign}) complete: ${s.submissions} submission(s)${files}`,
            details: { submissions: s.submissions, files_located: s.files_located },
            dedupeKey: `stage-complete:${s.stage_id}:${s.last_submission_id}`,
          },
          now,
        );
        if (fresh) n++;
      }
    for (const c of await read.completeCampaigns([...campaigns])) {
      signal?.throwIfAborted();
      const fresh = await recordEvent(
        db,
        {
          kind: 'campaign.complete',
          experiment: c.experiment,
          campaignId: c.campaign_id,
          summary: `Campaign ${c.campaign} complete: all ${c.stages} stage(s) done`,
          dedupeKey: `campaign-complete:${c.campaign_id}:${c.last_submission_id}`,
        },
        now,
      );
      if (fresh) n++;
    }
    return n;
  }

  async function credentials(experiments: string[], now: Date, signal?: AbortSignal): Promise<number> {
    if (!deps.credentials) return 0;
    let n = 0;
    for (const experiment of experiments) {
      const soon = await deps.credentials.expiringProduction(
        experiment,
        now,
        config.credential_warn_hours * 3600,
      );
      for (const c of soon) {
        signal?.throwIfAborted();
        const when =
          c.leftS <= 0
            ? `expired at ${c.expiresAt.toISOString()}`
            : `expires at ${c.expiresAt.toISOString()} (in ${durationText(c.leftS)})`;
        const fresh = await recordEvent(
          db,
          {
            kind: 'credential.expiring',
            experiment,
            summary: `The ${c.what} ${c.name} of ${experiment} ${when}: launches will be refused once it is within the launch margin; renew it`,
            details: { what: c.what, name: c.name, expires_at: c.expiresAt.toISOString() },
            dedupeKey: `credential:${experiment}:${c.what}:${c.expiresAt.getTime()}`,
          },
          now,
        );
        if (fresh) n++;
      }
    }
    return n;
  }

  return {
    async run(signal?: AbortSignal): Promise<string> {
      signal?.throwIfAborted();
      const now = deps.now();
      const held = await heldTooLong(now, signal);
      const stalled = await stalls(now, signal);
      const experiments: string[] = await db('experiments').where({ active: true }).pluck('experiment');
      const complete = await completions(experiments, now, signal);
      const expiring = await credentials(experiments, now, signal);
      return `${held} held too long, ${stalled} stalled, ${complete} complete, ${expiring} credential(s) expiring (new events)`;
    },
  };
}
