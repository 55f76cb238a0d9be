import type { MqlCatalogue, MqlFile } from './mql/index.js';

/** A file dict as MetaCat's `to_jsonable` writes it (provenance as `[{fid}]`). */
export function metacatFileJson(
  f: MqlFile,
  cat: MqlCatalogue,
  o: { meta: boolean; provenance: boolean },
): Record<string, unknown> {
  return {
    fid: f.fid,
    namespace: f.namespace,
    name: f.name,
    retired: false,
    retired_by: null,
    updated_by: null,
    retired_timestamp: null,
    updated_timestamp: null,
    created_timestamp: f.createdTimestamp,
    checksums: { adler32: ((f.id * 2654435761) >>> 0).toString(16).padStart(8, '0') },
    size: f.size,
    creator: f.creator,
    ...(o.meta ? { metadata: f.metadata } : {}),
    ...(o.provenance
      ? {
          parents: cat.parents(f).map((p) => ({ fid: p.fid })),
          children: cat.children(f).map((c) => ({ fid: c.fid })),
        }
      : {}),
  };
}

/** application/json-seq (RFC 7464): each record after 0x1E, ending in a newline. */
export const jsonSeq = (records: unknown[]): string =>
  records.map((r) => `${String.fromCharCode(0x1e)}${JSON.stringify(r)}\n`).join('');
