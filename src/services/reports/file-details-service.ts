import type { Knex } from 'knex';
import { isAdapterError } from '../../adapters/adapter-error.js';
import type { Sam } from '../../adapters/sam/sam.js';
import { fileSubmissionsReadModel } from '../../db/read-models/file-submissions-read-model.js';
import { metadataRows, producedBy } from '../../domain/files/file-provenance.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';

/** Children whose metadata is read to find the submissions that consumed the file (one call each). */
export const CHILDREN_LOOKED_UP = 50;
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
 * One file's details: its SAM metadata, parents and children, the submission that made it (its
 * metadata names it) and the submissions that consumed it (those that made its children, read from
 * the first CHILDREN_LOOKED_UP children). SAM down is a 503; an unknown file a 404.
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
        const [parents, children] = await Promise.all([
          sam.fileLineage(exp, name, 'parents'),
          sam.fileLineage(exp, name, 'children'),
        ]);
        const looked = children.slice(0, CHILDREN_LOOKED_UP);
        const childMeta = await Promise.all(looked.map((c) => sam.fileMetadata(exp, c)));
        const madeBy = producedBy(meta);
        const consumerIds = [...new Set(childMeta.map(producedBy).filter((n): n is number => n !== null))];
        const known = new Map(
          (await subs.byIds(exp, [...(madeBy ? [madeBy] : []), ...consumerIds])).map((s) => [
            s.submission_id,
            s,
          ]),
        );
        const describe = (id: number) => known.get(id) ?? { submission_id: id, unknown: true as const };
        return {
          file_name: meta.file_name ?? name,
          metadata: metadataRows(meta),
          parents: { total: parents.length, items: parents.slice(0, LINEAGE_SHOWN) },
          children: { total: children.length, items: children.slice(0, LINEAGE_SHOWN) },
          produced_by: madeBy === null ? null : describe(madeBy),
          consumed_by: consumerIds.sort((a, b) => a - b).map(describe),
          children_looked_up: looked.length,
        };
      } catch (e) {
        if (isAdapterError(e)) throw new AppError('unavailable', `SAM unavailable: ${e.message}`);
        throw e;
      }
    },
  };
}

export type FileDetailsService = ReturnType<typeof fileDetailsService>;
