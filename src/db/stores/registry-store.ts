import type { Knex } from 'knex';
import type { LocalMembership, RegistryChange } from '../../domain/identity/registry-plan.js';

export interface RegistryMembershipRow extends LocalMembership {
  experimenter_id: number;
}

// Writes of the registry sync: memberships with their source, the sync runs and their changes.
export function registryStore(db: Knex | Knex.Transaction) {
  return {
    membershipsOf: (experiment: string) =>
      db('memberships as m')
        .join('experimenters as x', 'x.experimenter_id', 'm.experimenter_id')
        .where('m.experiment', experiment)
        .select('x.username', 'm.experimenter_id', 'm.role', 'm.active', 'm.source') as Promise<
        RegistryMembershipRow[]
      >,

    async startSync(trigger: string): Promise<number> {
      const [row] = await db('registry_syncs').insert({ trigger }).returning('sync_id');
      return Number(row.sync_id);
    },

    async finishSync(syncId: number, ok: boolean, summary: string, problems: Record<string, string>) {
      await db('registry_syncs')
        .where({ sync_id: syncId })
        .update({ finished_at: db.fn.now(), ok, summary, problems: JSON.stringify(problems) });
    },

    /** The experimenter of `username`, created from the registry's name when missing. */
    async ensureUser(username: string, names: { first_name: string | null; last_name: string }) {
      const found = await db('experimenters').where({ username }).first('experimenter_id');
      if (found) return { experimenterId: found.experimenter_id as number, created: false };
      const [row] = await db('experimenters')
        .insert({ username, ...names })
        .onConflict('username')
        .ignore()
        .returning('experimenter_id');
      if (!row)
        return {
          experimenterId: (await db('experimenters').where({ username }).first()).experimenter_id,
          created: false,
        };
      return { experimenterId: row.experimenter_id as number, created: true };
    },

    /** One planned change, made and recorded (pass the transaction of the whole experiment). */
    async apply(
      experimenterId: number,
      experiment: string,
      c: RegistryChange,
      record: { syncId: number | null; via: 'sync' | 'sign-in' },
    ) {
      const now = db.fn.now();
      if (c.action === 'membership-removed')
        await db('memberships')
          .where({ experimenter_id: experimenterId, experiment })
          .update({ active: false, updated_at: now });
      else
        await db('memberships')
          .insert({
            experimenter_id: experimenterId,
            experiment,
            role: c.newRole,
            active: true,
            source: 'registry',
            updated_at: now,
          })
          .onConflict(['experimenter_id', 'experiment'])
          .merge(['role', 'active', 'source', 'updated_at']);
      await this.record({
        username: c.username,
        experiment,
        action: c.action,
        old_role: 'oldRole' in c ? c.oldRole : null,
        new_role: 'newRole' in c ? c.newRole : null,
        ...record,
      });
    },

    async record(r: {
      username: string;
      experiment: string | null;
      action: string;
      old_role?: string | null;
      new_role?: string | null;
      syncId: number | null;
      via: 'sync' | 'sign-in';
    }) {
      await db('registry_changes').insert({
        sync_id: r.syncId,
        username: r.username,
        experiment: r.experiment,
        action: r.action,
        old_role: r.old_role ?? null,
        new_role: r.new_role ?? null,
        via: r.via,
      });
    },
  };
}
