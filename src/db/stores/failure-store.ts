import type { Knex } from 'knex';

export interface FailureEvent {
  experiment: string;
  campaign_id: number | null;
  stage_id: number;
  submission_id: number;
  source: 'exit' | 'held' | 'file';
  cause: string;
  detail: string | null;
  subject: string;
  files: number;
  log_file: string | null;
  seen_at: Date;
}

// Writes of the failure-causes loop. Events are idempotent per (submission, source, subject): a
// job held twice, or a collection run again after a crash, records it once.
export function failureStore(db: Knex | Knex.Transaction) {
  return {
    async record(events: FailureEvent[]): Promise<void> {
      if (!events.length) return;
      await db('failure_events')
        .insert(events.map((e) => ({ ...e, detail: e.detail?.slice(0, 1000) ?? null })))
        .onConflict(['submission_id', 'source', 'subject'])
        .ignore();
    },
    /** Marks a submission's collection: `final` when it will not be looked at again. */
    async mark(
      submissionId: number,
      at: Date,
      what: { final?: boolean; heldChecked?: boolean; error?: string | null },
    ): Promise<void> {
      const row = {
        submission_id: submissionId,
        collected_at: at,
        final: what.final ?? false,
        error: what.error ?? null,
        ...(what.heldChecked ? { held_checked_at: at } : {}),
      };
      await db('failure_collections')
        .insert(row)
        .onConflict('submission_id')
        .merge(Object.keys(row).filter((k) => k !== 'submission_id'));
    },
  };
}
