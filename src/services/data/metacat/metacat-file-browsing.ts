import type { DataDispatcher } from '../../../adapters/data-dispatcher/index.js';
import type { Metacat, MetacatFile } from '../../../adapters/metacat/index.js';
import type { Rucio } from '../../../adapters/rucio/index.js';
import { SUBMISSION_PARAM } from '../../../domain/files/attribution.js';
import { didOf } from '../../../domain/files/dd-rules.js';
import { metadataRows } from '../../../domain/files/file-provenance.js';
import { MQL_KEYS } from '../../../domain/files/mql/mql-keys.js';
import { qualifiedName } from '../../../domain/files/mql/mql-text.js';
import { childrenMql, pageMql, parentsMql } from '../../../domain/files/mql/browse-mql.js';
import { patternsOrAll, splitOutputPatterns } from '../../../domain/files/output-patterns.js';
import type { CatalogueFile, FileBrowsing } from '../file-browsing.js';
import type { MetacatDataHandling } from '../metacat-data-handling.js';
import { metacatSubmissionOfRow } from './metacat-submission.js';

const did = (f: Pick<MetacatFile, 'namespace' | 'name'>) => `${f.namespace}:${f.name}`;

/** A file's DID: `ns:name` as written, or a bare name in the experiment's namespace. */
const didIn = (experiment: string, name: string) => {
  const q = qualifiedName(name.includes(':') ? name : `${experiment}:${name}`, 'name');
  return `${q.namespace}:${q.name}`;
};

/** Handle states behind the report's input numbers (external-apis.md 4.1). */
const BY_STATE: Partial<Record<string, (state: string) => boolean>> = {
  submitted: () => true,
  delivered: (s) => s !== 'initial',
  consumed: (s) => s === 'done',
  failed: (s) => s === 'failed',
  stillDelivered: (s) => s === 'reserved',
  unknown: (s) => s === 'initial',
  skipped: () => false,
  cancelled: () => false,
};

/**
 * The file pages on MetaCat: MQL pages (`ordered skip/limit`), MetaCat metadata and provenance,
 * Rucio replicas for where a file is, Data Dispatcher handles for which projects were handed it.
 */
export function metacatFileBrowsing(
  mc: Metacat,
  dd: DataDispatcher,
  rucio: Rucio,
  mdh: MetacatDataHandling,
): FileBrowsing {
  const subOf = metacatSubmissionOfRow;
  return {
    language: 'MQL',
    attributionParam: SUBMISSION_PARAM,
    deliveryCandidates: 40,
    projectColumn: 'dd_project_id',

    async page(_experiment, mql, offset, limit) {
      const total = await mc.count(mql);
      const items = total > offset ? (await mc.query(pageMql(mql, offset, limit))).map(did) : [];
      return { total, items };
    },

    async file(experiment, name): Promise<CatalogueFile | null> {
      const id = didIn(experiment, name);
      const f = await mc.file(id, { withMetadata: true, withProvenance: false });
      if (!f) return null;
      const [parents, children, replicas] = await Promise.all([
        mc.query(parentsMql(id)),
        mc.query(childrenMql(id)),
        rucio.listReplicas([id]),
      ]);
      const meta = f.metadata ?? {};
      const version = meta[MQL_KEYS.version];
      const named = Number(meta[SUBMISSION_PARAM]);
      const created = f.createdTimestamp === undefined ? null : new Date(f.createdTimestamp * 1000);
      return {
        name: id,
        metadata: metadataRows({
          fid: f.fid,
          ...(f.size === undefined ? {} : { size: f.size }),
          ...(f.creator ? { creator: f.creator } : {}),
          ...(created ? { created_timestamp: created.toISOString() } : {}),
          ...meta,
        }),
        parents: parents.map(did),
        children: children.map(did),
        locations: [...new Set(replicas.flatMap((r) => Object.keys(r.rses)))].sort(),
        created,
        version: typeof version === 'string' && version !== '' ? version : null,
        named: Number.isSafeInteger(named) && named >= 0 ? named : null,
      };
    },

    async isOutputOf(_experiment, file, row) {
      const s = subOf(row);
      return !!s && mdh.isOutput(s, file.name);
    },

    async deliveries(_experiment, file, candidates) {
      const out = [];
      for (const c of candidates) {
        if (c.dd_project_id === null) continue;
        const p = await dd.project(Number(c.dd_project_id));
        const h = p?.handles?.find((x) => didOf(x) === file.name);
        if (h && h.state !== 'initial')
          out.push({ submission_id: c.submission_id, consumed: h.state === 'done' });
      }
      return out;
    },

    async columnPage(row, column, offset, limit) {
      const s = subOf(row);
      if (!s) return null;
      const pick = BY_STATE[column];
      let files: string[] | null = null;
      if (pick) files = (await mdh.handles(s)).filter((h) => pick(h.state)).map(didOf);
      else if (column === 'outputsDeclared' || column === 'outputsLocated') {
        files = await mdh.outputs(s, patternsOrAll(splitOutputPatterns(row.output_patterns)));
        if (column === 'outputsLocated' && files.length) {
          const replicated = new Set((await rucio.listReplicas(files)).map((r) => `${r.scope}:${r.name}`));
          files = files.filter((f) => replicated.has(f));
        }
      }
      if (files === null) return null;
      return { total: files.length, items: files.slice(offset, offset + limit), query: null };
    },
  };
}
