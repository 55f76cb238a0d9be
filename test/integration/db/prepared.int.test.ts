import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared, statementName } from '../../../src/db/prepared.js';
import { EXPERIMENTER_COLUMNS, peopleStore } from '../../../src/db/stores/people-store.js';
import { STAGE_COLUMNS } from '../../../src/db/stores/stage-store.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

describe('prepared statements', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
  });
  afterAll(async () => t?.destroy());

  it('name one statement per text and refuse a select list with a star', () => {
    const a = statementName('select "s"."name" from "stages" as "s" where "s"."stage_id" = ?');
    expect(a).toMatch(/^poms_[0-9a-f]{20}$/);
    expect(statementName('select "s"."name" from "stages" as "s" where "s"."stage_id" = ?')).toBe(a);
    expect(statementName('select "s"."name" from "stages" as "s" where "s"."stage_id" > ?')).not.toBe(a);
    expect(statementName('select count(*) as n from stages')).not.toBeNull();
    expect(statementName('select * from sessions where sid = ?')).toBeNull();
    expect(statementName('select "s".*, "x"."username" from stages s')).toBeNull();
    expect(statementName('select x.username, s.* from stages s')).toBeNull();
  });

  it('answer as the plain statement does, run after run, with different values', async () => {
    const q = (u: string) =>
      t.db('experimenters').where('username', u).first('username', 'root') as Promise<unknown>;
    for (let i = 0; i < 7; i++)
      for (const u of ['producer', 'nobody-here'])
        expect(await prepared(t.db('experimenters').where('username', u).first('username', 'root'))).toEqual(
          await q(u),
        );
    const raw = await prepared(t.db.raw('select ?::int + 1 as n', [41]));
    expect((raw as { rows: Array<{ n: number }> }).rows).toEqual([{ n: 42 }]);
  });

  it('are prepared once on the connection under their name (PostgreSQL; PGlite runs them as they are)', async () => {
    await t.db.transaction(async (trx) => {
      const q = () => trx('experimenters').where('username', 'producer').first('experimenter_id');
      await prepared(q());
      await prepared(q());
      const { rows } = (await trx.raw('select name, statement from pg_prepared_statements')) as {
        rows: Array<{ name: string; statement: string }>;
      };
      const name = statementName(q().toSQL().sql);
      const mine = rows.filter((r) => r.name === name);
      expect(mine).toHaveLength(t.kind === 'pg' ? 1 : 0);
    });
  });

  it('name every column of the rows read per request, so those reads are prepared and still whole', async () => {
    const columns = async (table: string) =>
      (
        (await t
          .db('information_schema.columns')
          .where({ table_name: table, table_schema: t.db.raw('current_schema()') })
          .pluck('column_name')) as string[]
      ).sort();
    expect([...STAGE_COLUMNS].sort()).toEqual(await columns('stages'));
    expect([...EXPERIMENTER_COLUMNS].sort()).toEqual(await columns('experimenters'));
    const q = peopleStore(t.db).identity('producer') as unknown as { toSQL(): { sql: string } };
    expect(statementName(q.toSQL().sql)).not.toBeNull();
    expect(await peopleStore(t.db).identity('producer')).toMatchObject({ username: 'producer' });
  });
});
