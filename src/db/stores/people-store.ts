import type { Knex } from 'knex';
import type { DataServiceKind } from '../../domain/files/data-service-kind.js';
import type { Role } from '../../domain/permissions/roles.js';
import { prepared } from '../prepared.js';

export interface ExperimenterRow {
  experimenter_id: number;
  username: string;
  first_name: string | null;
  last_name: string;
  email: string | null;
  root: boolean;
  last_login: Date | null;
  session_experiment: string | null;
  session_role: string | null;
}

export interface ExperimentRow {
  experiment: string;
  name: string;
  logbook_url: string | null;
  snow_url: string | null;
  /** Where the experiment's files are catalogued (issue 19). */
  data_service: DataServiceKind;
  active: boolean;
  launches_held_by: number | null;
  launches_held_at: Date | null;
  /** Default "no file progress in N hours" of its campaigns; null: the site's (issue 18). */
  stall_hours: number | null;
}

export interface MemberRow {
  experimenter_id: number;
  username: string;
  first_name: string | null;
  last_name: string;
  email: string | null;
  role: Role;
  active: boolean;
}

/** An experimenter with what a request needs to know about them, read in one statement. */
export interface IdentityRow extends ExperimenterRow {
  /** Active memberships in active experiments: experiment → role. */
  memberships: Record<string, Role>;
  /** Every experiment's name, for root (who may act in any); null for everyone else. */
  all_experiments: string[] | null;
}

/** Every column of `experimenters`, named so that the per-request identity read can be prepared. */
// prettier-ignore
export const EXPERIMENTER_COLUMNS = [
  'experimenter_id', 'username', 'first_name', 'last_name', 'email', 'root', 'last_login',
  'session_experiment', 'session_role', 'created_at',
] as const;

// Writes and single-row reads for experiments, experimenters and memberships.
export function peopleStore(db: Knex) {
  return {
    /** Read on every signed-in request: a prepared statement, parsed and planned once per connection. */
    identity: (username: string) =>
      prepared(
        db('experimenters as x')
          .where('x.username', username)
          .first(
            ...EXPERIMENTER_COLUMNS.map((c) => `x.${c}`),
            db.raw(`coalesce((select json_object_agg(m.experiment, m.role)
              from memberships m join experiments e on e.experiment = m.experiment
              where m.experimenter_id = x.experimenter_id and m.active and e.active), '{}'::json) as memberships`),
            db.raw(
              `case when x.root then (select json_agg(e.experiment order by e.experiment) from experiments e) end as all_experiments`,
            ),
          ),
      ) as Promise<IdentityRow | undefined>,
    experimenterByName: (username: string) =>
      db<ExperimenterRow>('experimenters').where({ username }).first() as Promise<
        ExperimenterRow | undefined
      >,
    experimenterById: (id: number) =>
      db<ExperimenterRow>('experimenters').where({ experimenter_id: id }).first() as Promise<
        ExperimenterRow | undefined
      >,
    async insertExperimenter(row: Partial<ExperimenterRow> & { username: string }): Promise<ExperimenterRow> {
      const [created] = await db('experimenters').insert(row).returning('*');
      return created as ExperimenterRow;
    },
    async updateExperimenter(id: number, patch: Partial<ExperimenterRow>): Promise<void> {
      await db('experimenters').where({ experimenter_id: id }).update(patch);
    },
    async activeMemberships(experimenterId: number): Promise<Record<string, Role>> {
      const rows = await db('memberships as m')
        .join('experiments as e', 'e.experiment', 'm.experiment')
        .where({ 'm.experimenter_id': experimenterId, 'm.active': true, 'e.active': true })
        .select('m.experiment', 'm.role');
      return Object.fromEntries(rows.map((r: { experiment: string; role: Role }) => [r.experiment, r.role]));
    },
    /** experiment → where the active membership came from (registry or local). */
    async membershipSources(experimenterId: number): Promise<Record<string, string>> {
      const rows = await db('memberships')
        .where({ experimenter_id: experimenterId, active: true })
        .select('experiment', 'source');
      return Object.fromEntries(
        rows.map((r: { experiment: string; source: string }) => [r.experiment, r.source]),
      );
    },
    experiment: (experiment: string) =>
      db<ExperimentRow>('experiments').where({ experiment }).first() as Promise<ExperimentRow | undefined>,
    async insertExperiment(row: {
      experiment: string;
      name: string;
      logbook_url?: string | null;
      data_service?: DataServiceKind;
    }) {
      await db('experiments').insert(row);
    },
    async updateExperiment(experiment: string, patch: Partial<ExperimentRow>) {
      await db('experiments').where({ experiment }).update(patch);
    },
    /** A membership set by someone in POMS: its source becomes local (the registry sync keeps it). */
    async upsertMembership(experimenterId: number, experiment: string, role: Role, active = true) {
      const now = db.fn.now();
      await db('memberships')
        .insert({
          experimenter_id: experimenterId,
          experiment,
          role,
          active,
          source: 'local',
          updated_at: now,
        })
        .onConflict(['experimenter_id', 'experiment'])
        .merge({ role, active, source: 'local', updated_at: now });
    },
    async removeMembership(experimenterId: number, experiment: string): Promise<number> {
      return db('memberships').where({ experimenter_id: experimenterId, experiment }).delete();
    },
    membership: (experimenterId: number, experiment: string) =>
      db('memberships').where({ experimenter_id: experimenterId, experiment }).first() as Promise<
        { role: Role; active: boolean } | undefined
      >,
  };
}

export type PeopleStore = ReturnType<typeof peopleStore>;
