import type { Knex } from 'knex';
import type { SubmissionRow } from './submission-store.js';

/**
 * The columns a job-state reading writes (apply-job-counts.ts), and those a status change the
 * status machine accepted sets with them (services/submissions/status-batch.ts).
 */
const COLUMNS = {
  jobs_total: 'int',
  jobs_idle: 'int',
  jobs_running: 'int',
  jobs_held: 'int',
  jobs_completed: 'int',
  jobs_failed: 'int',
  jobs_cancelled: 'int',
  jobs_max_seen: 'int',
  pct_complete: 'float8',
  tracked_via: 'text',
  project: 'text',
  status: 'text',
  status_at: 'timestamptz',
  updated_at: 'timestamptz',
  completed_at: 'timestamptz',
} as const;
type Column = keyof typeof COLUMNS;
export type JobCountsPatch = { submission_id: number } & Partial<Pick<SubmissionRow, Column>>;

/** Rows per statement: one JSON parameter each, well under PostgreSQL's limits. */
const CHUNK = 2000;

/**
 * Writes many submissions' job columns in one statement per 2,000 (a poll of 10,000 unfinished
 * submissions was 10,000 single-row updates). A column absent from a patch keeps its value. The
 * job columns feed no trigger; a status (written only as the status machine decided, with its
 * history row) fires the rollup and status-count triggers row by row, as a single update does.
 */
export async function updateJobCounts(db: Knex, patches: JobCountsPatch[]): Promise<void> {
  const cols = Object.keys(COLUMNS) as Column[];
  for (const p of patches)
    for (const k of Object.keys(p))
      if (k !== 'submission_id' && !(k in COLUMNS)) throw new Error(`updateJobCounts cannot write ${k}`);
  const set = cols
    .map((c) => `${c} = case when v.patch \\? '${c}' then v.${c} else u.${c} end`) // \\? is jsonb's ?
    .join(', ');
  const types = cols.map((c) => `${c} ${COLUMNS[c]}`).join(', ');
  for (let i = 0; i < patches.length; i += CHUNK) {
    const rows = patches.slice(i, i + CHUNK).map((p) => ({ ...p, patch: p }));
    await db.raw(
      `update submissions u set ${set}
       from jsonb_to_recordset(?::jsonb) as v(submission_id bigint, patch jsonb, ${types})
       where u.submission_id = v.submission_id`,
      [JSON.stringify(rows)],
    );
  }
}
