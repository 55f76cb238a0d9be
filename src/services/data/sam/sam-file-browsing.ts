import type { Sam } from '../../../adapters/sam/sam.js';
import { namedSubmission } from '../../../domain/files/attribution.js';
import { fileAmongDims, metadataRows } from '../../../domain/files/file-provenance.js';
import { outputFilesDims } from '../../../domain/files/stats-dims.js';
import { columnDims, patternsOf, samContextOf, tryDims } from '../../reports/file-dims.js';
import type { FileBrowsing } from '../file-browsing.js';
import { samFileDeliveries } from './sam-file-deliveries.js';

/** SAM's create_date (ISO with an offset), or null when absent or unreadable. */
function samDate(text: unknown): Date | null {
  const d = typeof text === 'string' ? new Date(text) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

/** The file pages on SAM: dimensions, SAM metadata and lineage, projects' consumed statuses. */
export function samFileBrowsing(sam: Sam): FileBrowsing {
  const page = async (experiment: string, dims: string, offset: number, limit: number) => {
    const total = await sam.countFiles(experiment, dims);
    const items =
      total > offset
        ? await sam.listFiles(experiment, `( ${dims} ) with limit ${limit} offset ${offset}`)
        : [];
    return { total, items };
  };
  return {
    language: 'SAM dimensions',
    attributionParam: sam.attributionParam,
    deliveryCandidates: 400,
    projectColumn: 'project',
    page,

    async file(experiment, name) {
      const meta = await sam.fileMetadata(experiment, name);
      if (!meta) return null;
      const [parents, children] = await Promise.all([
        sam.fileLineage(experiment, name, 'parents'),
        sam.fileLineage(experiment, name, 'children'),
      ]);
      const version = meta.application?.version;
      return {
        name: meta.file_name ?? name,
        metadata: metadataRows(meta),
        parents,
        children,
        locations: [],
        created: samDate(meta.create_date),
        version: typeof version === 'string' && version !== '' ? version : null,
        named: namedSubmission(meta, sam.attributionParam),
      };
    },

    async isOutputOf(experiment, file, row) {
      const ctx = samContextOf(row, sam.attributionParam);
      const dims =
        ctx && tryDims(() => fileAmongDims(file.name, outputFilesDims(ctx, patternsOf(row), 'anylocation')));
      return !!dims && (await sam.countFiles(experiment, dims)) > 0;
    },

    deliveries: (experiment, file, candidates) =>
      samFileDeliveries(
        sam,
        experiment,
        file.name,
        candidates.flatMap((c) =>
          c.project ? [{ submission_id: c.submission_id, project: c.project }] : [],
        ),
      ),

    async columnPage(row, column, offset, limit) {
      const ctx = samContextOf(row, sam.attributionParam);
      const dims = ctx ? columnDims(ctx, patternsOf(row))?.[column] : null;
      if (!dims) return null;
      return { ...(await page(row.experiment, dims, offset, limit)), query: dims };
    },
  };
}
