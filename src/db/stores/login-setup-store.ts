import type { Knex } from 'knex';

export interface LoginSetupRow {
  login_setup_id: number;
  experiment: string;
  name: string;
  launch_host: string;
  launch_account: string;
  launch_setup: string;
  active: boolean;
  creator: number | null;
  creator_role: string;
  /** Username of `creator` (joined), for permission checks and pages. */
  creator_username: string | null;
  created_at: Date;
  updated_at: Date;
}

export type LoginSetupValues = Pick<
  LoginSetupRow,
  'name' | 'launch_host' | 'launch_account' | 'launch_setup' | 'active'
>;

// Writes and single-row reads of login setups (where a launch logs in).
export function loginSetupStore(db: Knex) {
  const withCreator = () =>
    db('login_setups as l')
      .leftJoin('experimenters as x', 'x.experimenter_id', 'l.creator')
      .select('l.*', 'x.username as creator_username');
  return {
    byId: (experiment: string, id: number) =>
      withCreator().where({ 'l.experiment': experiment, 'l.login_setup_id': id }).first() as Promise<
        LoginSetupRow | undefined
      >,
    byName: (experiment: string, name: string) =>
      withCreator().where({ 'l.experiment': experiment, 'l.name': name }).first() as Promise<
        LoginSetupRow | undefined
      >,
    async insert(
      row: LoginSetupValues & { experiment: string; creator: number; creator_role: string },
    ): Promise<number> {
      const [r] = await db('login_setups')
        .insert({ ...row, updater: row.creator })
        .returning('login_setup_id');
      return r.login_setup_id as number;
    },
    async update(id: number, values: Partial<LoginSetupValues>, updater: number): Promise<void> {
      await db('login_setups')
        .where({ login_setup_id: id })
        .update({ ...values, updater, updated_at: db.fn.now() });
    },
    async remove(id: number): Promise<void> {
      await db('login_setups').where({ login_setup_id: id }).delete();
    },
    /** What still refers to it: stages (attached or not), campaign defaults by name, snapshots. */
    async usage(experiment: string, id: number, name: string) {
      const [row] = await db
        .raw(
          `select
           (select count(*)::int from stages where login_setup_id = :id) as stages,
           (select count(*)::int from campaigns where experiment = :experiment
              and coalesce(defaults->>'loginSetup', defaults->>'login_setup') = :name) as campaigns,
           (select count(*)::int from login_setup_snapshots where login_setup_id = :id) as snapshots`,
          { id, experiment, name },
        )
        .then((r: { rows: unknown[] }) => r.rows);
      return row as { stages: number; campaigns: number; snapshots: number };
    },
  };
}

export type LoginSetupStore = ReturnType<typeof loginSetupStore>;
