import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import type { FileAccounting } from '../../domain/files/file-accounting.js';
import { DataOutage } from '../data/data-handling.js';

/**
 * Counts several submissions with `count` (an experiment's data handling), `concurrency` at a time.
 * On an outage the ones already counted are kept and the rest are left (their cache stays as it
 * was); `outage` says why.
 */
export async function countMany(
  count: (row: SubmissionListRow) => Promise<FileAccounting>,
  rows: SubmissionListRow[],
  concurrency: number,
  serviceName = 'SAM',
): Promise<{ counted: Array<{ submissionId: number; counts: FileAccounting }>; outage: string | null }> {
  const counted: Array<{ submissionId: number; counts: FileAccounting }> = [];
  let outage: string | null = null;
  let next = 0;
  const worker = async () => {
    while (outage === null && next < rows.length) {
      const row = rows[next++];
      try {
        counted.push({ submissionId: row.submission_id, counts: await count(row) });
      } catch (e) {
        outage =
          e instanceof DataOutage
            ? e.message
            : `${serviceName} answered unexpectedly: ${(e as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return { counted, outage };
}
