import type { Knex } from 'knex';
import { isAdapterError } from '../../adapters/adapter-error.js';
import type { Sam, SamFileMetadata } from '../../adapters/sam/sam.js';
import { fileSubmissionsReadModel } from '../../db/read-models/file-submissions-read-model.js';
import { ATTRIBUTION_GRACE_MS, namedSubmission } from '../../domain/files/attribution.js';
import { fileAmongDims, metadataRows } from '../../domain/files/file-provenance.js';
import { outputFilesDims } from '../../domain/files/stats-dims.js';
import { fileDeliveries } from './file-deliveries.js';
import { patternsOf, samContextOf, tryDims } from './file-dims.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';

/** Submissions launched since the file was made whose projects are asked about (oldest first). */
export const DELIVERY_CANDIDATES = 400;
/** Submissions of the file's version around its creation the attribution rule is checked against. */
export const PRODUCER_CANDIDATES = 20;
/** Parents and children listed on the page (the counts say how many there are). */
export const LINEAGE_SHOWN = 200;

/** A file name as SAM takes it in a path: printable ASCII without slashes, bounded. */
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
 * One file's details: its SAM metadata, parents and children; the submission that produced it, by
 * the attribution rule (attribution.ts: the one its metadata names under `[sam] attribution_param`,
 * else by lineage and lifetime), checked in SAM against the submissions that could have; and the
 * submissions whose projects were delivered it and which of them consumed it. SAM down is a 503;
 * an unknown file a 404.
 */
export function fileDetailsService(deps: { db: Knex; sam?: Sam }) {
  const subs = fileSubmissionsReadModel(deps.db);
  return {
    async get(user: UserContext, exp: string, rawName: string) {
      await requireExperiment(deps.db, user, exp);
      const name = checkName(rawName);
      const sam = deps.sam;
      if (!sam) throw new AppError('unavailable', 'SAM is not configured on this instance');
      try {
        const meta = await sam.fileMetadata(exp, name);
        if (!meta) throw notFound(`file ${name}`);
        const created = samDate(meta.create_date);
        const [parents, children, producer, candidates] = await Promise.all([
          sam.fileLineage(exp, name, 'parents'),
          sam.fileLineage(exp, name, 'children'),
          producedBy(sam, exp, name, meta, created),
          created ? subs.projectsSince(exp, new Date(created.getTime() - 1000), DELIVERY_CANDIDATES + 1) : [],
        ]);
        const looked = candidates.slice(0, DELIVERY_CANDIDATES);
        const deliveries = await fileDeliveries(sam, exp, name, looked);
        const ids = [...(producer === null ? [] : [producer]), ...deliveries.map((d) => d.submission_id)];
        const known = new Map((await subs.byIds(exp, ids)).map((s) => [s.submission_id, s]));
        const describe = (id: number) => known.get(id) ?? { submission_id: id, unknown: true as const };
        const delivered = deliveries.map((d) => ({ ...describe(d.submission_id), consumed: d.consumed }));
        return {
          file_name: meta.file_name ?? name,
          metadata: metadataRows(meta),
          parents: { total: parents.length, items: parents.slice(0, LINEAGE_SHOWN) },
          children: { total: children.length, items: children.slice(0, LINEAGE_SHOWN) },
          produced_by: producer === null ? null : describe(producer),
          /** The metadata parameter the rule reads (null: lineage and lifetime only). */
          attribution_param: sam.attributionParam,
          delivered_to: delivered,
          consumed_by: delivered.filter((d) => d.consumed),
          /** How many submissions launched since the file was made were looked at, and whether there are more. */
          deliveries_looked_up: looked.length,
          deliveries_truncated: candidates.length > DELIVERY_CANDIDATES,
        };
      } catch (e) {
        if (isAdapterError(e)) throw new AppError('unavailable', `SAM unavailable: ${e.message}`);
        throw e;
      }
    },
  };

  /**
   * The submission whose output the file is by the attribution rule, or null: the candidates'
   * attributed outputs (with their output patterns) asked in SAM whether they hold the file.
   */
  async function producedBy(
    sam: Sam,
    exp: string,
    name: string,
    meta: SamFileMetadata,
    created: Date | null,
  ): Promise<number | null> {
    const named = namedSubmission(meta, sam.attributionParam);
    const version = meta.application?.version;
    if (named === null && (!created || typeof version !== 'string' || version === '')) return null;
    const rows = await subs.producers(exp, {
      only: named,
      version: version ?? '',
      created: created ?? new Date(0),
      graceMs: ATTRIBUTION_GRACE_MS,
      limit: PRODUCER_CANDIDATES,
    });
    for (const row of rows) {
      const ctx = samContextOf(row, sam.attributionParam);
      const dims =
        ctx && tryDims(() => fileAmongDims(name, outputFilesDims(ctx, patternsOf(row), 'anylocation')));
      if (dims && (await sam.countFiles(exp, dims)) > 0) return row.submission_id;
    }
    return null;
  }
}

/** SAM's create_date (ISO with an offset), or null when absent or unreadable. */
function samDate(text: unknown): Date | null {
  const d = typeof text === 'string' ? new Date(text) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

export type FileDetailsService = ReturnType<typeof fileDetailsService>;
