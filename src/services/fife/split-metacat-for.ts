import type { Metacat } from '../../adapters/metacat/index.js';
import { snapshotName } from '../../domain/files/mql/split-mql.js';
import { MQL_KEYS } from '../../domain/files/mql/mql-keys.js';
import type { SplitSam } from '../../domain/splits/index.js';

/**
 * The split types' catalogue port on MetaCat, bound to one experiment (its namespace): definitions
 * are named queries (replaced on a name clash), a snapshot freezes a named query's files as the
 * dataset `<ns>:poms_snapshot_<id>`, ids increasing from the clock's milliseconds.
 */
export function splitMetacatFor(mc: Metacat, now: () => Date): (experiment: string) => SplitSam {
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
  });
}
