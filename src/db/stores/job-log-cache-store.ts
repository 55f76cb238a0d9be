import type { Knex } from 'knex';

// The shared job-log cache (migration 20261207020000): one row per submission's bundle, its files
// beside it. Every POMS process reads and fills the same cache; beyond the size cap the bundles
// used least recently go first.

export interface CachedFile {
  name: string;
  content: Buffer;
}

export interface CachedBundle {
  fetchedAt: Date;
  /** Fetched after the submission finished: it no longer changes. */
  final: boolean;
  files: CachedFile[];
}

export function jobLogCacheStore(db: Knex) {
  return {
    /** The cached bundle of a submission, marked as used now; null when none is cached. */
    async get(submissionId: number, now: Date): Promise<CachedBundle | null> {
      const [row] = await db('job_log_bundles')
        .where({ submission_id: submissionId })
        .update({ used_at: now })
        .returning(['fetched_at', 'final']);
      if (!row) return null;
      const files = await db('job_log_files')
        .where({ submission_id: submissionId })
        .orderBy('position')
        .select('name', 'content');
      return {
        fetchedAt: new Date(row.fetched_at),
        final: row.final,
        files: files.map((f) => ({ name: f.name, content: Buffer.from(f.content) })),
      };
    },

    /**
     * Stores a bundle (replacing the submission's previous one) and evicts the least recently used
     * others until all fit in `maxBytes` (the new one stays even when it alone is larger).
     */
    async put(submissionId: number, bundle: CachedBundle, now: Date, maxBytes: number): Promise<void> {
      const bytes = bundle.files.reduce((n, f) => n + f.content.length, 0);
      await db.transaction(async (trx) => {
        // The upsert locks the row: a concurrent put of the same submission waits for this one.
        await trx('job_log_bundles')
          .insert({
            submission_id: submissionId,
            fetched_at: bundle.fetchedAt,
            final: bundle.final,
            bytes,
            used_at: now,
          })
          .onConflict('submission_id')
          .merge();
        await trx('job_log_files').where({ submission_id: submissionId }).delete();
        const rows = bundle.files.map((f, position) => ({
          submission_id: submissionId,
          position,
          name: f.name,
          content: f.content,
        }));
        for (let i = 0; i < rows.length; i += 100) await trx('job_log_files').insert(rows.slice(i, i + 100));
        await trx.raw(
          `delete from job_log_bundles where submission_id in (
             select submission_id from (
               select submission_id,
                      sum(bytes) over (order by used_at desc, submission_id desc) as running
                 from job_log_bundles where submission_id <> ?) kept
              where running + ? > ?)`,
          [submissionId, bytes, maxBytes],
        );
      });
    },

    /** Bytes and bundles cached now. */
    async size(): Promise<{ bundles: number; bytes: number }> {
      const r = await db('job_log_bundles').first(
        db.raw('count(*)::int as bundles'),
        db.raw('coalesce(sum(bytes), 0)::bigint as bytes'),
      );
      return { bundles: Number(r.bundles), bytes: Number(r.bytes) };
    },
  };
}
