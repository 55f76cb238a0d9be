import type { Knex } from 'knex';
import { paginate, type PageRequest } from './paginate.js';

export interface RegistrySyncRun {
  sync_id: number;
  started_at: Date;
  finished_at: Date | null;
  trigger: string;
  ok: boolean | null;
  summary: string | null;
  problems: Record<string, string>;
  changes: number;
}

export interface RegistryChangeRow {
  change_id: number;
  at: Date;
  username: string;
  experiment: string | null;
  action: string;
  old_role: string | null;
  new_role: string | null;
}

// Reads of the registry sync's record (issue 20): its runs, newest first, and one run's changes.
export function registrySyncReadModel(db: Knex) {
  const runs = () =>
    db('registry_syncs as s').select(
      's.sync_id',
      's.started_at',
      's.finished_at',
      's.trigger',
      's.ok',
      's.summary',
      's.problems',
      db('registry_changes as c').whereRaw('c.sync_id = s.sync_id').count('*').as('changes'),
    );
  const typed = (r: RegistrySyncRun) => ({ ...r, sync_id: Number(r.sync_id), changes: Number(r.changes) });
  return {
    async runs(page: PageRequest) {
      const p = await paginate<RegistrySyncRun>(runs().orderBy('s.sync_id', 'desc'), page);
      return { ...p, items: p.items.map(typed) };
    },
    async run(syncId: number): Promise<RegistrySyncRun | null> {
      const r = await runs().where('s.sync_id', syncId).first();
      return r ? typed(r) : null;
    },
    async changes(syncId: number, page: PageRequest) {
      const p = await paginate<RegistryChangeRow>(
        db('registry_changes')
          .where({ sync_id: syncId })
          .select('change_id', 'at', 'username', 'experiment', 'action', 'old_role', 'new_role')
          .orderBy('change_id'),
        page,
      );
      return { ...p, items: p.items.map((c) => ({ ...c, change_id: Number(c.change_id) })) };
    },
  };
}
