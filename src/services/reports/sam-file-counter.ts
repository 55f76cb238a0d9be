// Asks SAM for one submission's file numbers (a project summary and three counts) and turns them
// into a FileAccounting, whose identities then hold by construction.

import { isAdapterError } from '../../adapters/adapter-error.js';
import type { Sam } from '../../adapters/sam/sam.js';
import { fileAccounting, type FileAccounting } from '../../domain/files/file-accounting.js';
import { outputFilesDims } from '../../domain/files/stats-dims.js';
import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import { patternsOf, samContextOf, withAllOutputsLocatedDims } from './file-dims.js';

/** SAM could not be reached (or timed out): stop asking for the rest of this request. */
export class SamOutage extends Error {}

const isOutage = (e: unknown) => isAdapterError(e, 'unavailable') || isAdapterError(e, 'timeout');

/** A count SAM refused (query limit, bad dims) reads as null: that number is then incomplete. */
async function tolerant<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isOutage(e)) throw new SamOutage((e as Error).message);
    return null;
  }
}

/** Throws SamOutage when SAM is down; a refused call makes the result `incomplete`. */
export async function countSubmissionFiles(sam: Sam, row: SubmissionListRow): Promise<FileAccounting> {
  const exp = row.experiment;
  let summary: Awaited<ReturnType<Sam['projectSummary']>> | undefined;
  try {
    summary = await sam.projectSummary(exp, row.project!);
  } catch (e) {
    if (isOutage(e)) throw new SamOutage((e as Error).message);
    summary = undefined; // refused or garbled: the summary's numbers are unknown
  }
  // No such project (yet): nothing was delivered, nothing to count.
  if (summary === null)
    return fileAccounting({
      summary: {},
      outputsDeclared: 0,
      outputsLocated: 0,
      inputsWithOutputsLocated: 0,
    });
  const ctx = samContextOf(row, sam.attributionParam);
  const patterns = patternsOf(row);
  const count = (dims: (c: NonNullable<typeof ctx>) => string): Promise<number | null> => {
    let text: string;
    try {
      if (!ctx) return Promise.resolve(null);
      text = dims(ctx);
    } catch {
      return Promise.resolve(null); // a value the dims builders refuse
    }
    return tolerant(sam.countFiles(exp, text));
  };
  const [declared, located, withAll] = await Promise.all([
    count((c) => outputFilesDims(c, patterns, 'anylocation')),
    count((c) => outputFilesDims(c, patterns, 'physical')),
    count((c) => withAllOutputsLocatedDims(c, patterns)),
  ]);
  return fileAccounting({
    summary: summary ?? null,
    outputsDeclared: declared,
    outputsLocated: located,
    inputsWithOutputsLocated: withAll,
  });
}

/**
 * Counts several submissions, `concurrency` at a time. On an outage the ones already counted are
 * kept and the rest are left (their cache stays as it was); `outage` says why.
 */
export async function countMany(
  sam: Sam,
  rows: SubmissionListRow[],
  concurrency: number,
): Promise<{ counted: Array<{ submissionId: number; counts: FileAccounting }>; outage: string | null }> {
  const counted: Array<{ submissionId: number; counts: FileAccounting }> = [];
  let outage: string | null = null;
  let next = 0;
  const worker = async () => {
    while (outage === null && next < rows.length) {
      const row = rows[next++];
      try {
        counted.push({ submissionId: row.submission_id, counts: await countSubmissionFiles(sam, row) });
      } catch (e) {
        outage = e instanceof SamOutage ? e.message : `SAM answered unexpectedly: ${(e as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return { counted, outage };
}
