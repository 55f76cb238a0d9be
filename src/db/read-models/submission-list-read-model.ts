import type { Knex } from 'knex';
import { encodeCursor, type KeyKind, type KeysetCursor } from '../../domain/pagination/keyset-cursor.js';
import { prepared } from '../prepared.js';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from './paginate.js';
import { stageRoots } from './stage-root-count.js';
import {
  causeNotInScopeSql,
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
/** Sorts whose key is never null, so a page can start after a row's key (keyset); and its type. */
export const KEYSET_SORTS: Record<string, KeyKind> = {
  created: 'timestamp',
  id: 'integer',
  status: 'text',
  stage: 'text',
};
const SQL_TYPE: Record<KeyKind, string> = { timestamp: 'timestamptz', integer: 'bigint', text: 'text' };

/** A page request that may continue from a cursor: `after` the next page's, `before` the previous'. */
export interface ListPageRequest extends PageRequest {
  after?: KeysetCursor | null;
  before?: KeysetCursor | null;
}

/** A page of a list, with the cursors of its neighbours (null: none, or a sort without keyset). */
export interface CursorPage<T> extends Page<T> {
  next: string | null;
  prev: string | null;
}

/** Deepest nesting followed (causes are always older submissions, so there are no cycles). */
const MAX_DEPTH = 50;
/** From this offset on, the count is taken first so a page in the second half is read backwards. */
const DEEP_OFFSET = 1000;

/** A page of roots, with every listed descendant of them (depth 1 = child), by id. */
export type ListPage = CursorPage<SubmissionListRow> & {
  descendants: Array<SubmissionListRow & { depth: number }>;
};

// The submissions lists (per stage, per campaign). A page is one statement whatever its size:
// the page's rows — its ids chosen first over the filter alone (roots: submissions whose cause is
// not itself listed in the same scope and window; no join but the sort's; their count is a stage's
// kept count when the window holds the whole stage, see stage-root-count.ts), then every listed
// descendant of those roots followed recursively from them, then joined, so history JSON and
// snapshot values are built for the shown rows only — with the count of roots as a column computed
// once. Next and previous pages continue from a cursor (the neighbour row's sort key and id:
// keyset, no OFFSET), and a page asked for by number in the second half of a long list is read
// from the other end, so the last page costs what the first does.
export function submissionListReadModel(db: Knex) {
  return {
    async roots(
      experiment: string,
      scope: SubmissionScope,
      range: TimeRange,
      sort: { by: SubmissionSort; dir: 'asc' | 'desc' },
      req: ListPageRequest,
    ): Promise<ListPage> {
      const pageSize = Math.min(Math.max(1, Math.floor(req.pageSize)), MAX_PAGE_SIZE);
      const page = Math.max(1, Math.floor(req.page));
      const offset = (page - 1) * pageSize;
      const column = SUBMISSION_SORTS[sort.by];
      const causeListed = causeNotInScopeSql(scope, range);
      const kind = Object.hasOwn(KEYSET_SORTS, sort.by) ? KEYSET_SORTS[sort.by] : null;
      const filtered = () => {
        const q = inScope(db('submissions as u'), experiment, scope, range);
        if (sort.by === 'stage') q.join('stages as s', 's.stage_id', 'u.stage_id');
        if (sort.by === 'creator') q.leftJoin('experimenters as x', 'x.experimenter_id', 'u.creator');
        return q.whereRaw(causeListed.sql, causeListed.bindings);
      };
      const ordered = (q: Knex.QueryBuilder, dir: 'asc' | 'desc') =>
        q.orderBy([
          { column, order: dir },
          { column: 'u.submission_id', order: dir },
        ]);
      /**
       * Rows strictly beyond `c` in direction `dir` (keyset: no rows skipped by OFFSET); the plain
       * bound on the key alone lets an index on (scope, key) start at the cursor.
       */
      const beyond = (q: Knex.QueryBuilder, c: KeysetCursor, dir: 'asc' | 'desc') => {
        const [op, key] = [dir === 'desc' ? '<' : '>', `cast(? as ${SQL_TYPE[kind!]})`];
        return q
          .whereRaw(`${column} ${op}= ${key}`, [c.key])
          .whereRaw(`(${column}, u.submission_id) ${op} (${key}, ?)`, [c.key, c.id]);
      };
      type Row = SubmissionListRow & { sort_key?: string; list_total?: string | number; depth: number };
      const c = scopeSql('c', scope, range);
      /** The page's roots (depth 0) in order and their listed descendants (depth ≥ 1). */
      const rows = async (
        dir: 'asc' | 'desc',
        skip: number,
        take: number,
        from?: KeysetCursor,
        withTotal = false,
      ) => {
        const ids = ordered(filtered().select('u.submission_id'), dir).offset(skip).limit(take);
        if (from) beyond(ids, from, dir);
        // Written so the recursive step can use the parent and depends indexes.
        const tree = db.raw(
          `select submission_id, 0 as depth from page_ids
           union all
           select c.submission_id, t.depth + 1 from submissions c join tree t
             on (c.parent_submission_id = t.submission_id
               or (c.parent_submission_id is null and c.depends_on_submission_id = t.submission_id))
             where ${c.sql} and t.depth < ${MAX_DEPTH}`,
          c.bindings,
        );
        const q = submissionRows(db, { history: true })
          .with('page_ids', ids)
          .withRecursive('tree', ['submission_id', 'depth'], tree)
          .join('tree', 'tree.submission_id', 'u.submission_id')
          .where('u.experiment', experiment)
          .select('tree.depth');
        if (kind) q.select(db.raw(`${column}::text as sort_key`));
        // The count of the whole list as a column computed once (an InitPlan): one statement, not two.
        if (withTotal) q.select(db.raw('(?) as list_total', [listCount()]));
        const all = (await ordered(q, sort.dir)) as Row[];
        const descendants = all.filter((r) => r.depth > 0).sort((a, b) => a.submission_id - b.submission_id);
        for (const r of descendants) delete r.sort_key;
        return { items: all.filter((r) => r.depth === 0), descendants };
      };
      /** The list's count as a scalar subquery: a stage's kept count when the window holds the whole stage. */
      const listCount = () =>
        scope.kind === 'stage'
          ? stageRoots(db, experiment, scope.id, range, filtered().count({ n: '*' }))
          : filtered().count({ n: '*' });
      const count = async () => Number((await db.raw('select (?) as n', [listCount()])).rows[0].n);
      /** A page with the list's count read in the same statement (counted apart only when the page is empty). */
      const counted = async (dir: 'asc' | 'desc', skip: number, from?: KeysetCursor) => {
        const read = await rows(dir, skip, pageSize, from, true);
        const total = read.items.length > 0 ? Number(read.items[0].list_total) : await count();
        for (const r of [...read.items, ...read.descendants]) delete r.list_total;
        return { ...read, total };
      };
      const reverse = sort.dir === 'asc' ? 'desc' : 'asc';
      const after = kind && req.after?.sort === sort.by ? req.after : null;
      const before = kind && !after && req.before?.sort === sort.by ? req.before : null;

      let read: { items: Row[]; descendants: Row[] };
      let total: number;
      let shown = page;
      if (after) ({ total, ...read } = await counted(sort.dir, 0, after));
      else if (before) {
        ({ total, ...read } = await counted(reverse, 0, before));
        // Back at the start (rows were added or removed meanwhile): show the whole first page.
        if (read.items.length < pageSize) {
          read = await rows(sort.dir, 0, pageSize);
          shown = 1;
        }
      } else if (offset < DEEP_OFFSET) ({ total, ...read } = await counted(sort.dir, offset));
      else {
        total = await count();
        const take = Math.min(pageSize, total - offset);
        read =
          take <= 0
            ? { items: [], descendants: [] }
            : offset > total / 2
              ? await rows(reverse, total - offset - take, take)
              : await rows(sort.dir, offset, pageSize);
      }
      const { items, descendants } = read;
      const pages = Math.max(1, Math.ceil(total / pageSize));
      const cursor = (r: { sort_key?: string; submission_id: number } | undefined) =>
        kind && r?.sort_key !== undefined
          ? encodeCursor({ sort: sort.by, key: r.sort_key, id: Number(r.submission_id) })
          : null;
      const next = items.length === pageSize && shown < pages ? cursor(items[items.length - 1]) : null;
      const prev = shown > 1 ? cursor(items[0]) : null;
      for (const r of items) {
        delete r.sort_key;
        delete (r as Partial<Row>).depth;
      }
      return {
        items: items as SubmissionListRow[],
        page: shown,
        pageSize,
        total,
        pages,
        next,
        prev,
        descendants,
      };
    },

    /** Latest submissions of a stage (stage page), newest first. */
    recent(experiment: string, stageId: number, limit: number) {
      return prepared(
        inScope(submissionRows(db), experiment, { kind: 'stage', id: stageId })
          .orderBy('u.submission_id', 'desc')
          .limit(limit),
      ) as Promise<SubmissionListRow[]>;
    },
  };
}

export type SubmissionListReadModel = ReturnType<typeof submissionListReadModel>;
