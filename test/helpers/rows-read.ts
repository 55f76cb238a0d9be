import type { Knex } from 'knex';

// What a page's statements read, for tests that hold a page's cost to what it shows: each
// statement `fn` sends that touches submissions, run again under EXPLAIN ANALYZE.

interface PlanNode {
  'Actual Rows': number;
  'Actual Loops': number;
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Rows the plan's leaf nodes (table and index scans) produced, over all their loops. */
const leafRows = (n: PlanNode): number =>
  n.Plans?.length ? n.Plans.reduce((a, p) => a + leafRows(p), 0) : n['Actual Rows'] * n['Actual Loops'];

/** Each leaf scan with what it read: `Index Scan submissions_stage_idx: 40`. */
const leaves = (n: PlanNode): string[] =>
  n.Plans?.length
    ? n.Plans.flatMap(leaves)
    : [
        `${n['Node Type']} ${n['Index Name'] ?? n['Relation Name'] ?? ''}: ${n['Actual Rows'] * n['Actual Loops']}`,
      ];

export interface StatementRead {
  sql: string;
  /** Rows its table and index scans produced. */
  rows: number;
  /** Those scans, one line each. */
  scans: string[];
}

/** Every statement `fn` sends that mentions submissions, with the rows it read. */
export async function statementsRead(db: Knex, fn: () => Promise<unknown>): Promise<StatementRead[]> {
  const sent: Array<{ sql: string; bindings: readonly unknown[] }> = [];
  const onQuery = (q: { sql: string; bindings?: readonly unknown[] }) =>
    sent.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', onQuery);
  try {
    await fn();
  } finally {
    db.off('query', onQuery);
  }
  const out: StatementRead[] = [];
  for (const q of sent.filter((s) => /submissions/.test(s.sql))) {
    // Sent with PostgreSQL's numbered placeholders ($1, $2, …), in order.
    const sql = q.sql.replace(/\$\d+/g, '?');
    const r = await db.raw(`explain (analyze, format json) ${sql}`, q.bindings as Knex.RawBinding[]);
    const plan = ((r.rows ?? r)[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0].Plan;
    out.push({ sql: q.sql, rows: leafRows(plan), scans: leaves(plan) });
  }
  return out;
}

/** The most rows any one statement of `fn` read. */
export async function rowsRead(db: Knex, fn: () => Promise<unknown>): Promise<number> {
  return Math.max(0, ...(await statementsRead(db, fn)).map((s) => s.rows));
}
