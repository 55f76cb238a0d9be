import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { RegistryClient } from '../../adapters/registry/ferry-client.js';
import { registryStore } from '../../db/stores/registry-store.js';
import { planExperiment, splitFullName, type RegistryLevel } from '../../domain/identity/registry-plan.js';

export interface RegistrySyncOptions {
  /** Experiments to synchronise; empty: every active experiment. */
  experiments: readonly string[];
  createOnSignIn: boolean;
  log: Logger;
}

export interface SyncOutcome {
  syncId: number;
  ok: boolean;
  summary: string;
}

// The registry sync (issue 20): a loop reads each experiment's members from the registry, creates
// missing users and brings memberships to the registry's level by the rules of registry-plan.ts,
// one transaction per experiment, every change recorded with its run. A first sign-in of someone
// the registry knows creates them on the spot with their memberships.
export function registrySync(db: Knex, client: RegistryClient, o: RegistrySyncOptions) {
  async function experiments(): Promise<string[]> {
    const q = db('experiments').where({ active: true }).orderBy('experiment').pluck('experiment');
    if (o.experiments.length) q.whereIn('experiment', o.experiments);
    return q;
  }

  async function syncExperiment(syncId: number, experiment: string, signal?: AbortSignal) {
    const members = await client.experimentMembers(experiment, signal);
    const reported = new Map<string, RegistryLevel>(members.map((m) => [m.username, m.level]));
    const names = new Map(members.map((m) => [m.username, m.fullName]));
    signal?.throwIfAborted();
    return db.transaction(async (trx) => {
      const store = registryStore(trx);
      const local = await store.membershipsOf(experiment);
      const plan = planExperiment(reported, local);
      const ids = new Map(local.map((m) => [m.username, m.experimenter_id]));
      let created = 0;
      for (const c of plan.changes) {
        let id = ids.get(c.username);
        if (id === undefined) {
          const u = await store.ensureUser(c.username, splitFullName(names.get(c.username)));
          if (u.created) {
            created += 1;
            await store.record({
              username: c.username,
              experiment: null,
              action: 'user-created',
              syncId,
              via: 'sync',
            });
          }
          id = u.experimenterId;
        }
        // A lost lease rolls this experiment back: another process runs the loop now.
        signal?.throwIfAborted();
        await store.apply(id as number, experiment, c, { syncId, via: 'sync' });
      }
      return { changes: plan.changes.length, created, skipped: plan.skipped };
    });
  }

  return {
    /** One pass over every experiment; an experiment the registry fails for is reported and skipped. */
    async run(trigger: string, signal?: AbortSignal): Promise<SyncOutcome> {
      signal?.throwIfAborted();
      const syncId = await registryStore(db).startSync(trigger);
      const problems: Record<string, string> = {};
      let changes = 0;
      let created = 0;
      const list = await experiments();
      for (const experiment of list) {
        signal?.throwIfAborted();
        try {
          const r = await syncExperiment(syncId, experiment, signal);
          changes += r.changes;
          created += r.created;
          if (r.skipped) problems[experiment] = r.skipped;
        } catch (e) {
          if (signal?.aborted) throw e;
          problems[experiment] = (e as Error).message;
          o.log.warn({ err: e, experiment }, 'registry sync: experiment skipped');
        }
      }
      const failed = Object.keys(problems).length;
      const summary =
        `${list.length} experiment(s): ${changes} membership change(s), ${created} user(s) created` +
        (failed ? `; ${failed} experiment(s) not synchronised` : '');
      const ok = Object.values(problems).every((p) => p.startsWith('the registry reported no members'));
      await registryStore(db).finishSync(syncId, ok, summary, problems);
      return { syncId, ok, summary };
    },

    /**
     * Creates `username` with their registry memberships (in experiments POMS has and syncs) when
     * they are unknown to POMS and known to the registry; true when it created them.
     */
    async provision(username: string): Promise<boolean> {
      if (!o.createOnSignIn) return false;
      if (await db('experimenters').where({ username }).first('experimenter_id')) return false;
      const u = await client.user(username);
      if (!u) return false;
      const wanted = new Set(await experiments());
      return db.transaction(async (trx) => {
        const store = registryStore(trx);
        const { experimenterId, created } = await store.ensureUser(username, splitFullName(u.fullName));
        if (!created) return false;
        await store.record({
          username,
          experiment: null,
          action: 'user-created',
          syncId: null,
          via: 'sign-in',
        });
        for (const [experiment, level] of u.memberships)
          if (wanted.has(experiment))
            await store.apply(
              experimenterId,
              experiment,
              { action: 'membership-added', username, newRole: level },
              { syncId: null, via: 'sign-in' },
            );
        return true;
      });
    },
  };
}

export type RegistrySync = ReturnType<typeof registrySync>;
