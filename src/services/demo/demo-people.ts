import type { Knex } from 'knex';
import type { Role } from '../../domain/permissions/roles.js';

// The demo experiment and users: the same names in `npm start` and in tests, so scripts can rely on them.
export const DEMO_EXPERIMENT = 'samdev';
export const DEMO_USERS: ReadonlyArray<{
  username: string;
  first: string;
  last: string;
  root: boolean;
  role: Role;
}> = [
  { username: 'admin', first: 'Ada', last: 'Admin', root: true, role: 'superuser' },
  { username: 'superuser', first: 'Sam', last: 'Super', root: false, role: 'superuser' },
  { username: 'producer', first: 'Pat', last: 'Producer', root: false, role: 'production' },
  { username: 'shifter', first: 'Shay', last: 'Shifter', root: false, role: 'production-shifter' },
  { username: 'analyst', first: 'Ana', last: 'Analyst', root: false, role: 'analysis' },
];

/** Creates the demo experiment and users unless they exist; returns whether anything was created. */
export async function seedDemoPeople(db: Knex): Promise<boolean> {
  return db.transaction(async (trx) => {
    const exists = await trx('experiments').where({ experiment: DEMO_EXPERIMENT }).first();
    if (exists) return false;
    await trx('experiments').insert({ experiment: DEMO_EXPERIMENT, name: 'SAM development (demo)' });
    for (const u of DEMO_USERS) {
      const [row] = await trx('experimenters')
        .insert({
          username: u.username,
          first_name: u.first,
          last_name: u.last,
          email: `${u.username}@example.org`,
          root: u.root,
          session_experiment: DEMO_EXPERIMENT,
          session_role: u.role,
        })
        .onConflict('username')
        .merge(['root'])
        .returning('experimenter_id');
      await trx('memberships')
        .insert({ experimenter_id: row.experimenter_id, experiment: DEMO_EXPERIMENT, role: u.role })
        .onConflict(['experimenter_id', 'experiment'])
        .ignore();
    }
    return true;
  });
}
