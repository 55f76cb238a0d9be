import type { Knex } from 'knex';
import { fileSubmissionsReadModel } from '../../db/read-models/file-submissions-read-model.js';
import { ATTRIBUTION_GRACE_MS } from '../../domain/files/attribution.js';
import { invalid, notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { DataHandlingFor } from '../data/data-handling.js';
import type { CatalogueFile, FileBrowsing } from '../data/file-browsing.js';
import type { UserContext } from '../user-context.js';
import { catalogueCall } from './catalogue-call.js';

/** Submissions of the file's version around its creation the attribution rule is checked against. */
export const PRODUCER_CANDIDATES = 20;
/** Parents and children listed on the page (the counts say how many there are). */
export const LINEAGE_SHOWN = 200;

/** A file name as a catalogue takes it in a path: printable ASCII without slashes, bounded. */
function checkName(name: string): string {
  const problem =
    name === '' || name.length > 500
      ? 'must be 1 to 500 characters'
      : /[^\x21-\x7e]|\//.test(name)
        ? 'may contain printable ASCII characters without spaces or slashes only'
        : null;
  if (problem) throw invalid(`the file name ${problem}`, [{ field: 'name', message: problem }]);
  return name;
}

/**
 * One file's details from the experiment's data service (SAM, or MetaCat with Rucio replicas): its
 * metadata, parents and children, where it has replicas; the submission that produced it, by the
 * attribution rule (attribution.ts: the one its metadata names, else by lineage and lifetime),
 * checked against the submissions that could have; and the submissions whose projects were handed
 * it and which of them consumed it. The service down is a 503; an unknown file a 404.
 */
export function fileDetailsService(deps: { db: Knex; data: DataHandlingFor }) {
  const subs = fileSubmissionsReadModel(deps.db);
  return {
    async get(user: UserContext, exp: string, rawName: string) {
      await requireExperiment(deps.db, user, exp);
      const name = checkName(rawName);
      const files = (await deps.data(exp)).files;
      return catalogueCall(files.language, null, async () => {
        const file = await files.file(exp, name);
        if (!file) throw notFound(`file ${name}`);
        const since = file.created && new Date(file.created.getTime() - 1000);
        const [producer, candidates] = await Promise.all([
          producedBy(files, exp, file),
          since ? subs.projectsSince(exp, since, files.deliveryCandidates + 1, files.projectColumn) : [],
        ]);
        const looked = candidates.slice(0, files.deliveryCandidates);
        const deliveries = await files.deliveries(exp, file, looked);
        const ids = [...(producer === null ? [] : [producer]), ...deliveries.map((d) => d.submission_id)];
        const known = new Map((await subs.byIds(exp, ids)).map((s) => [s.submission_id, s]));
        const describe = (id: number) => known.get(id) ?? { submission_id: id, unknown: true as const };
        const delivered = deliveries.map((d) => ({ ...describe(d.submission_id), consumed: d.consumed }));
        return {
          file_name: file.name,
          /** Where the file's metadata comes from: SAM, or MetaCat (with Rucio for locations). */
          data_service: files.language === 'MQL' ? 'metacat' : 'sam',
          metadata: file.metadata,
          parents: { total: file.parents.length, items: file.parents.slice(0, LINEAGE_SHOWN) },
          children: { total: file.children.length, items: file.children.slice(0, LINEAGE_SHOWN) },
          /** Storage elements holding a replica (MetaCat experiments: Rucio's; SAM shows them in metadata). */
          locations: file.locations,
          produced_by: producer === null ? null : describe(producer),
          /** The metadata parameter the rule reads (null: lineage and lifetime only). */
          attribution_param: files.attributionParam,
          delivered_to: delivered,
          consumed_by: delivered.filter((d) => d.consumed),
          /** How many submissions launched since the file was made were looked at, and whether there are more. */
          deliveries_looked_up: looked.length,
          deliveries_truncated: candidates.length > files.deliveryCandidates,
        };
      });
    },
  };

  /** The submission whose output the file is by the attribution rule, or null. */
  async function producedBy(files: FileBrowsing, exp: string, file: CatalogueFile): Promise<number | null> {
    if (file.named === null && (!file.created || file.version === null)) return null;
    const rows = await subs.producers(exp, {
      only: file.named,
      version: file.version ?? '',
      created: file.created ?? new Date(0),
      graceMs: ATTRIBUTION_GRACE_MS,
      limit: PRODUCER_CANDIDATES,
      projectColumn: files.projectColumn,
    });
    for (const row of rows) if (await files.isOutputOf(exp, file, row)) return row.submission_id;
    return null;
  }
}

export type FileDetailsService = ReturnType<typeof fileDetailsService>;
