import type { Knex } from 'knex';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from './paginate.js';

export interface FailureScope {
  experiment: string;
  campaignId?: number;
  stageId?: number;
}

export interface FailureGroup {
  source: 'exit' | 'held' | 'file';
  cause: string;
  /** Distinct jobs (exit, held); 0 for file groups. */
  jobs: number;
  /** Files SAM counts failed (file groups); 0 for job groups. */
  files: number;
  submissions: number;
  first_seen: Date;
  last_seen: Date;
  /** Up to 10 affected submissions, newest first. */
  submission_ids: number[];
  example: { submission_id: number; subject: string; log_file: string | null; detail: string | null };
}

const SAMPLE = 10;

/** Failures grouped by (source, normalised cause) within an experiment, campaign or stage. */
export function failureReadModel(db: Knex) {
  const scoped = (s: FailureScope) => {
    const q = db('failure_events').where('experiment', s.experiment);
    if (s.campaignId !== undefined) q.where('campaign_id', s.campaignId);
    if (s.stageId !== undefined) q.where('stage_id', s.stageId);
    return q;
  };
  return {
    /** Largest groups first (jobs + files), then by cause. */
    async groups(scope: FailureScope, req: PageRequest): Promise<Page<FailureGroup>> {
      const pageSize = Math.min(Math.max(1, Math.floor(req.pageSize)), MAX_PAGE_SIZE);
      const page = Math.max(1, Math.floor(req.page));
      const first = (col: string) => db.raw(`(array_agg(${col} order by event_id))[1] as ex_${col}`);
      const size = `count(distinct subject) filter (where source <> 'file') + sum(files)`;
      const rows: Array<Record<string, unknown>> = await scoped(scope)
        .groupBy('source', 'cause')
        .select(
          'source',
          'cause',
          db.raw(`count(distinct subject) filter (where source <> 'file')::int as jobs`),
          db.raw('sum(files)::int as files'),
          db.raw('count(distinct submission_id)::int as submissions'),
          db.raw('min(seen_at) as first_seen'),
          db.raw('max(seen_at) as last_seen'),
          db.raw(
            `(array_agg(distinct submission_id order by submission_id desc))[1:${SAMPLE}] as submission_ids`,
          ),
          first('submission_id'),
          first('subject'),
          first('log_file'),
          first('detail'),
          db.raw('count(*) over () as groups_total'),
        )
        .orderByRaw(`${size} desc, cause`)
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const items = rows.map((r): FailureGroup => ({
        source: r.source as FailureGroup['source'],
        cause: r.cause as string,
        jobs: Number(r.jobs),
        files: Number(r.files),
        submissions: Number(r.submissions),
        first_seen: r.first_seen as Date,
        last_seen: r.last_seen as Date,
        submission_ids: (r.submission_ids as number[]).map(Number),
        example: {
          submission_id: Number(r.ex_submission_id),
          subject: r.ex_subject as string,
          log_file: (r.ex_log_file as string | null) ?? null,
          detail: (r.ex_detail as string | null) ?? null,
        },
      }));
      // a page past the end has no row to carry the total: count the groups then
      const n = rows.length
        ? Number(rows[0].groups_total)
        : page > 1
          ? Number(
              (
                await db
                  .from(scoped(scope).groupBy('source', 'cause').select('source').as('g'))
                  .count<{ n: string }[]>({ n: '*' })
                  .first()
              )?.n ?? 0,
            )
          : 0;
      return { items, page, pageSize, total: n, pages: Math.max(1, Math.ceil(n / pageSize)) };
    },
    /** Totals over the scope: jobs failed, jobs held, files failed. */
    async totals(scope: FailureScope) {
      const r = await scoped(scope)
        .select(
          db.raw(`count(distinct subject) filter (where source = 'exit')::int as failed_jobs`),
          db.raw(`count(distinct subject) filter (where source = 'held')::int as held_jobs`),
          db.raw('coalesce(sum(files), 0)::int as failed_files'),
        )
        .first();
      return {
        failed_jobs: Number(r?.failed_jobs ?? 0),
        held_jobs: Number(r?.held_jobs ?? 0),
        failed_files: Number(r?.failed_files ?? 0),
      };
    },
  };
}
