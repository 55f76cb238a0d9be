import type { Knex } from 'knex';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { registrySyncReadModel } from '../../db/read-models/registry-sync-read-model.js';
import { notFound } from '../../lib/errors.js';

/** Runs listed per page on the registry page. */
export const RUNS_PER_PAGE = 10;

// What root sees of the registry sync (issue 20): the last runs and the changes of one of them
// (the newest run when none is asked for). `enabled` is false when no registry is configured.
export function registryReport(db: Knex, enabled: boolean) {
  const model = registrySyncReadModel(db);
  return {
    async view(q: { sync?: number; runsPage: number; changes: PageRequest }) {
      const runs = await model.runs({ page: q.runsPage, pageSize: RUNS_PER_PAGE });
      const sync =
        q.sync === undefined
          ? ((await model.runs({ page: 1, pageSize: 1 })).items[0] ?? null)
          : await model.run(q.sync);
      if (q.sync !== undefined && !sync) throw notFound(`registry sync ${q.sync}`);
      return { enabled, runs, sync, changes: sync ? await model.changes(sync.sync_id, q.changes) : null };
    },
  };
}

export type RegistryReport = ReturnType<typeof registryReport>;
