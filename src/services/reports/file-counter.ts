import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import { countColumns, type CountColumns, type FileAccounting } from '../../domain/files/file-accounting.js';
import { DataOutage } from '../data/data-handling.js';

/** One submission counted: the report's numbers and the columns stored with them (null: keep). */
export interface Counted {
  submissionId: number;
  counts: FileAccounting;
  columns: CountColumns | null;
}

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
): Promise<{ counted: Counted[]; outage: string | null }> {
  const counted: Counted[] = [];
  let outage: string | null = null;
  let next = 0;
  const worker = async () => {
    while (outage === null && next < rows.length) {
      const row = rows[next++];
      try {
        const counts = await count(row);
        counted.push({ submissionId: row.submission_id, counts, columns: countColumns(counts) });
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
