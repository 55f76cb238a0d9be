import type { Knex } from 'knex';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from './paginate.js';
import {
  inScope,
  scopeSql,
  submissionRows,
  type SubmissionListRow,
  type SubmissionScope,
  type TimeRange,
} from './submission-rows-read-model.js';

export const SUBMISSION_SORTS = {
  created: 'u.created_at',
  id: 'u.submission_id',
  status: 'u.status',
  stage: 's.name',
  creator: 'x.username',
} as const;
export type SubmissionSort = keyof typeof SUBMISSION_SORTS;

/** What launched a submission: its recovery parent, else the submission whose completion did. */
const CAUSE = 'coalesce(u.parent_submission_id, u.depends_on_submission_id)';
/** Deepest nesting followed (causes are always older submissions, so there are no cycles). */
const MAX_DEPTH = 50;
/** From this offset on, the count is taken first so a page in the second half is read backwards. */
const DEEP_OFFSET = 1000;

// The submissions lists (per stage, per campaign). A page is three queries whatever its size:
// the count of roots (submissions whose cause is not itself listed in the same scope and window:
// no join but the sort's), the page's rows — its ids chosen first over the filter alone, then
// joined, so history JSON and snapshot values are built for the page's rows only — and every
// listed descendant of those roots in one recursive query. A page in the second half of a long
// list is read from the other end (the last page costs what the first does).
export function submissionListReadModel(db: Knex) {
  return {
    async roots(
      experiment: string,
      scope: SubmissionScope,
      range: TimeRange,
      sort: { by: SubmissionSort; dir: 'asc' | 'desc' },
      req: PageRequest,
    ): Promise<Page<SubmissionListRow>> {
      const pageSize = Math.min(Math.max(1, Math.floor(req.pageSize)), MAX_PAGE_SIZE);
      const page = Math.max(1, Math.floor(req.page));
      const offset = (page - 1) * pageSize;
      const column = SUBMISSION_SORTS[sort.by];
      const parent = scopeSql('p', scope, range);
      const filtered = () => {
        const q = inScope(db('submissions as u'), experiment, scope, range);
        if (sort.by === 'stage') q.join('stages as s', 's.stage_id', 'u.stage_id');
        if (sort.by === 'creator') q.leftJoin('experimenters as x', 'x.experimenter_id', 'u.creator');
        return q.whereNotExists(
          db('submissions as p')
            .whereRaw(`p.submission_id = ${CAUSE}`)
            .whereRaw(parent.sql, parent.bindings)
            .select(db.raw('1')),
        );
      };
      const ordered = (q: Knex.QueryBuilder, dir: 'asc' | 'desc') =>
        q.orderBy([
          { column, order: dir },
          { column: 'u.submission_id', order: dir },
        ]);
      const rows = (dir: 'asc' | 'desc', skip: number, take: number) =>
        ordered(
          submissionRows(db, { history: true }).join(
            ordered(filtered().select('u.submission_id'), dir).offset(skip).limit(take).as('pg'),
            'pg.submission_id',
            'u.submission_id',
          ),
          sort.dir,
        ) as Promise<SubmissionListRow[]>;
      const count = async () => Number((await filtered().count<{ n: number }[]>({ n: '*' }).first())?.n ?? 0);

      let items: SubmissionListRow[];
      let total: number;
      if (offset < DEEP_OFFSET)
        [items, total] = await Promise.all([rows(sort.dir, offset, pageSize), count()]);
      else {
        total = await count();
        const take = Math.min(pageSize, total - offset);
        const reverse = sort.dir === 'asc' ? 'desc' : 'asc';
        items =
          take <= 0
            ? []
            : offset > total / 2
              ? await rows(reverse, total - offset - take, take)
              : await rows(sort.dir, offset, pageSize);
      }
      return { items, page, pageSize, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
    },

    /** Every descendant of `rootIds` listed in the same scope and window, with its depth (1 = child). */
    async descendants(
      experiment: string,
      scope: SubmissionScope,
      range: TimeRange,
      rootIds: number[],
    ): Promise<Array<SubmissionListRow & { depth: number }>> {
      if (rootIds.length === 0) return [];
      const c = scopeSql('c', scope, range);
      const ids = rootIds.map(() => '?').join(',');
      // Written so each branch can use the parent and depends indexes.
      const tree = db.raw(
        `select c.submission_id, 1 as depth from submissions c
           where ${c.sql} and (c.parent_submission_id in (${ids})
             or (c.parent_submission_id is null and c.depends_on_submission_id in (${ids})))
         union all
         select c.submission_id, t.depth + 1 from submissions c join tree t
           on (c.parent_submission_id = t.submission_id
             or (c.parent_submission_id is null and c.depends_on_submission_id = t.submission_id))
           where ${c.sql} and t.depth < ${MAX_DEPTH}`,
        [...c.bindings, ...rootIds, ...rootIds, ...c.bindings],
      );
      const q = submissionRows(db, { history: true })
        .withRecursive('tree', ['submission_id', 'depth'], tree)
        .join('tree', 'tree.submission_id', 'u.submission_id')
        .where('u.experiment', experiment)
        .select('tree.depth')
        .orderBy('u.submission_id');
      return q as Promise<Array<SubmissionListRow & { depth: number }>>;
    },

    /** Latest submissions of a stage (stage page), newest first. */
    recent(experiment: string, stageId: number, limit: number) {
      return inScope(submissionRows(db), experiment, { kind: 'stage', id: stageId })
        .orderBy('u.submission_id', 'desc')
        .limit(limit) as Promise<SubmissionListRow[]>;
    },
  };
}

export type SubmissionListReadModel = ReturnType<typeof submissionListReadModel>;
