import type { DataDispatcher } from '../../adapters/data-dispatcher/index.js';
import type { Metacat } from '../../adapters/metacat/index.js';
import { didOf } from '../../domain/files/dd-rules.js';
import { snapshotName } from '../../domain/files/mql/split-mql.js';
import { MQL_KEYS } from '../../domain/files/mql/mql-keys.js';
import type { SplitSam } from '../../domain/splits/index.js';
import { invalid } from '../../lib/errors.js';

/** stagedfiles' dataset field on MetaCat: the prestaging Data Dispatcher project's id. */
async function doneFiles(dd: DataDispatcher, project: string): Promise<string[]> {
  const id = /^\s*\d{1,15}\s*$/.test(project) ? Number(project) : NaN;
  const p = Number.isSafeInteger(id) && id > 0 ? await dd.project(id) : null;
  if (!p) {
    const message = Number.isNaN(id)
      ? `'${project}' is not a Data Dispatcher project id (stagedfiles on MetaCat watches a DD project)`
      : `there is no Data Dispatcher project ${id}`;
    throw invalid(message, [{ field: 'dataset', message }]);
  }
  return (p.handles ?? []).filter((h) => h.state === 'done').map(didOf);
}

/**
 * The split types' catalogue port on MetaCat, bound to one experiment (its namespace): definitions
 * are named queries (replaced on a name clash), a snapshot freezes a named query's files as the
 * dataset `<ns>:poms_snapshot_<id>`, ids increasing from the clock's milliseconds. With Data
 * Dispatcher, stagedfiles reads the done handles of the project its dataset field names.
 */
export function splitMetacatFor(
  mc: Metacat,
  now: () => Date,
  dd?: DataDispatcher,
): (experiment: string) => SplitSam {
  let last = 0;
  return (experiment) => ({
    countFiles: (mql) => mc.count(mql),
    listFiles: async (mql) => (await mc.query(mql)).map((f) => `${f.namespace}:${f.name}`),
    async fileMetadata(did) {
      const f = await mc.file(did, { withMetadata: true, withProvenance: false });
      if (!f) return null;
      const rs = f.metadata?.[MQL_KEYS.runsSubruns];
      const runs = Array.isArray(rs)
        ? rs.map((x) => [Math.floor(Number(x) / 100000), Number(x) % 100000] as const)
        : [];
      return { runs };
    },
    createDefinition: (name, mql) => mc.createNamedQuery(name, mql, { update: true }),
    async takeSnapshot(defname) {
      const id = (last = Math.max(now().getTime(), last + 1));
      await mc.query(`files selected by ${defname}`, { saveAs: snapshotName(experiment, id) });
      return id;
    },
    ...(dd ? { stagedFiles: (project: string) => doneFiles(dd, project) } : {}),
  });
}
