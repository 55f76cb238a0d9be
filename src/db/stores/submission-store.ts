import type { Knex } from 'knex';
import type { SubmissionStatus, StatusActor } from '../../domain/submissions/status-machine.js';

export interface SubmissionRow {
  submission_id: number;
  stage_id: number;
  campaign_id: number | null;
  experiment: string;
  creator: number | null;
  created_at: Date;
  updated_at: Date;
  test: boolean;
  launch_kind: string;
  params: Record<string, unknown>;
  dataset: string | null;
  command_executed: string | null;
  jobsub_job_id: string | null;
  jobsub_cluster_ids: string[];
  project: string | null;
  /** Data Dispatcher project of a MetaCat experiment's submission (bigint: may read as a string). */
  dd_project_id?: number | string | null;
  parent_submission_id: number | null;
  recovery_position: number | null;
  recovery_type: string | null;
  depends_on_submission_id: number | null;
  stage_snapshot_id: number | null;
  job_type_snapshot_id: number | null;
  login_setup_snapshot_id: number | null;
  idempotency_key: string | null;
  launch_started_at: Date | null;
  launch_finished_at: Date | null;
  /** Written every few seconds by the process running the launch; see failVanishedLaunches. */
  launch_heartbeat_at: Date | null;
  launch_exit_code: number | null;
  remote_pid: number | null;
  /** `ps -o lstart` of remote_pid as the launch host printed it. */
  remote_pid_start: string | null;
  /** Account the launch logged in as. */
  launch_account: string | null;
  launch_error: string | null;
  jobs_total: number | null;
  jobs_idle: number | null;
  jobs_running: number | null;
  jobs_held: number | null;
  jobs_completed: number | null;
  jobs_failed: number | null;
  jobs_cancelled: number | null;
  jobs_max_seen: number | null;
  /** Where the job states last came from: lens, or jobsub_q while Lens is failing (null: not yet). */
  tracked_via: string | null;
  pct_complete: number | null;
  files_submitted: number | null;
  files_consumed: number | null;
  files_located: number | null;
  located_reason: string | null;
  force_located: boolean;
  status: SubmissionStatus;
  status_at: Date;
  completed_at: Date | null;
  chained_at: Date | null;
  chain_result: string | null;
}

export type NewSubmission = Pick<SubmissionRow, 'stage_id' | 'experiment'> &
  Partial<Omit<SubmissionRow, 'submission_id' | 'status' | 'status_at'>>;

const JSON_COLUMNS = ['params', 'jobsub_cluster_ids'] as const;

function encode<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const c of JSON_COLUMNS) if (c in out && out[c] !== undefined) out[c] = JSON.stringify(out[c]);
  return out as T;
}

// Writes to submissions and their history. Status changes go through submission-status-service,
// which decides them with the status machine; this store only records them.
export function submissionStore(db: Knex | Knex.Transaction) {
  return {
    get: (id: number) =>
      db<SubmissionRow>('submissions').where({ submission_id: id }).first() as Promise<
        SubmissionRow | undefined
      >,
    /** The row locked for the rest of the transaction (status changes, launches). */
    lock: (id: number) =>
      db<SubmissionRow>('submissions').where({ submission_id: id }).forUpdate().first() as Promise<
        SubmissionRow | undefined
      >,
    byIdempotencyKey: (key: string) =>
      db<SubmissionRow>('submissions').where({ idempotency_key: key }).first() as Promise<
        SubmissionRow | undefined
      >,
    /** Inserts the submission with its first history row (New, or the given initial status). */
    async create(
      row: NewSubmission,
      initial: SubmissionStatus,
      actor: { kind: StatusActor; experimenterId: number | null },
    ) {
      const now = new Date();
      const [created] = await db('submissions')
        .insert(encode({ ...row, status: initial, status_at: now, created_at: now, updated_at: now }))
        .returning('*');
      await db('submission_history').insert({
        submission_id: created.submission_id,
        status: initial,
        created_at: now,
        actor_kind: actor.kind,
        experimenter_id: actor.experimenterId,
      });
      return created as SubmissionRow;
    },
    async update(id: number, patch: Partial<SubmissionRow>): Promise<void> {
      await db('submissions')
        .where({ submission_id: id })
        .update(encode(patch as Record<string, unknown>));
    },
    /** Appends a history row and the denormalised current status, in the caller's transaction. */
    async appendStatus(
      id: number,
      status: SubmissionStatus,
      actor: { kind: StatusActor; experimenterId: number | null; reason?: string | null },
      extra: Partial<SubmissionRow> = {},
    ): Promise<void> {
      const now = new Date();
      await db('submission_history').insert({
        submission_id: id,
        status,
        created_at: now,
        actor_kind: actor.kind,
        experimenter_id: actor.experimenterId,
        reason: actor.reason ?? null,
      });
      await db('submissions')
        .where({ submission_id: id })
        .update(encode({ ...extra, status, status_at: now } as Record<string, unknown>));
    },
    history: (id: number) =>
      db('submission_history as h')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'h.experimenter_id')
        .where('h.submission_id', id)
        .orderBy('h.history_id')
        .select('h.status', 'h.created_at', 'h.actor_kind', 'x.username', 'h.reason') as Promise<
        Array<{
          status: SubmissionStatus;
          created_at: Date;
          actor_kind: StatusActor;
          username: string | null;
          reason: string | null;
        }>
      >,
    async appendLog(id: number, text: string): Promise<void> {
      if (text) await db('launch_log_chunks').insert({ submission_id: id, text });
    },
    async log(id: number, afterChunk = 0): Promise<{ text: string; lastChunk: number }> {
      const rows = await db('launch_log_chunks')
        .where('submission_id', id)
        .andWhere('chunk_id', '>', afterChunk)
        .orderBy('chunk_id')
        .select('chunk_id', 'text');
      return {
        text: rows.map((r) => r.text).join(''),
        lastChunk: rows.length ? rows[rows.length - 1].chunk_id : afterChunk,
      };
    },
  };
}

export type SubmissionStore = ReturnType<typeof submissionStore>;
