import type { Knex } from 'knex';
import { paginate, type PageRequest } from './paginate.js';
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

// The submissions lists (per stage, per campaign). A page is two queries whatever its size:
// the roots of the page (submissions whose cause is not itself listed in the same scope and
// window) with paginate's count, and every listed descendant of those roots in one recursive
// query. History for the popups comes in the same rows (a bounded correlated subquery).
export function submissionListReadModel(db: Knex) {
  return {
    roots(
      experiment: string,
      scope: SubmissionScope,
      range: TimeRange,
      sort: { by: SubmissionSort; dir: 'asc' | 'desc' },
      req: PageRequest,
    ) {
      const q = inScope(submissionRows(db, { history: true }), experiment, scope, range);
      const parent = scopeSql('p', scope, range);
      q.whereNotExists(
        db('submissions as p')
          .whereRaw(`p.submission_id = ${CAUSE}`)
          .whereRaw(parent.sql, parent.bindings)
          .select(db.raw('1')),
      );
      q.orderBy([
        { column: SUBMISSION_SORTS[sort.by], order: sort.dir },
        { column: 'u.submission_id', order: sort.dir },
      ]);
      return paginate<SubmissionListRow>(q, req);
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
