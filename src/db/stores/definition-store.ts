import type { Knex } from 'knex';

/** Columns every experiment-scoped named definition (job type, login setup) has. */
export interface DefinitionRow {
  experiment: string;
  name: string;
  active: boolean;
  creator: number | null;
  creator_role: string;
  /** Username of `creator` (joined), for permission checks and pages. */
  creator_username: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Where one kind of definition lives. Every value is a code constant, never user input. */
export interface DefinitionTable {
  /** e.g. `job_types`. */
  table: string;
  /** Primary key column, also the column of `stages` and of the snapshot table that refer to it. */
  key: string;
  /** Table of the frozen copies taken at launch. */
  snapshots: string;
  /** Keys of campaign `defaults` that name it: current spelling, then the older snake_case one. */
  defaultsKeys: readonly [string, string];
}

/** What still refers to a definition; any non-zero count refuses its deletion. */
export interface DefinitionUsage {
  stages: number;
  campaigns: number;
  snapshots: number;
}

/**
 * Writes and single-row reads shared by the definition stores. `toColumns` turns values into
 * column values (e.g. JSON-encodes a jsonb column); the default writes them as they are.
 */
export function definitionStore<Row extends DefinitionRow, Values extends object>(
  db: Knex,
  def: DefinitionTable,
  toColumns: (values: Partial<Values>) => object = (v) => v,
) {
  const withCreator = () =>
    db(`${def.table} as d`)
      .leftJoin('experimenters as x', 'x.experimenter_id', 'd.creator')
      .select('d.*', 'x.username as creator_username');
  return {
    byId: (experiment: string, id: number) =>
      withCreator()
        .where({ 'd.experiment': experiment, [`d.${def.key}`]: id })
        .first() as Promise<Row | undefined>,
    byName: (experiment: string, name: string) =>
      withCreator().where({ 'd.experiment': experiment, 'd.name': name }).first() as Promise<Row | undefined>,
    async insert(
      row: Values & { experiment: string; creator: number; creator_role: string },
    ): Promise<number> {
      const [r] = await db(def.table)
        .insert({ ...toColumns(row), updater: row.creator })
        .returning(def.key);
      return r[def.key] as number;
    },
    async update(id: number, values: Partial<Values>, updater: number): Promise<void> {
      await db(def.table)
        .where({ [def.key]: id })
        .update({ ...toColumns(values), updater, updated_at: db.fn.now() });
    },
    async remove(id: number): Promise<void> {
      await db(def.table)
        .where({ [def.key]: id })
        .delete();
    },
    /** What still refers to it: stages (attached or not), campaign defaults by name, snapshots. */
    async usage(experiment: string, id: number, name: string): Promise<DefinitionUsage> {
      const [camel, snake] = def.defaultsKeys;
      const [row] = await db
        .raw(
          `select
           (select count(*)::int from stages where ${def.key} = :id) as stages,
           (select count(*)::int from campaigns where experiment = :experiment
              and coalesce(defaults->>'${camel}', defaults->>'${snake}') = :name) as campaigns,
           (select count(*)::int from ${def.snapshots} where ${def.key} = :id) as snapshots`,
          { id, experiment, name },
        )
        .then((r: { rows: unknown[] }) => r.rows);
      return row as DefinitionUsage;
    },
  };
}

export type DefinitionStore<Row extends DefinitionRow, Values extends object> = ReturnType<
  typeof definitionStore<Row, Values>
>;
