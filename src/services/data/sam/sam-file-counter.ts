// Asks SAM for one submission's file numbers (a project summary and three counts) and turns them
// into a FileAccounting, whose identities then hold by construction.

import { isAdapterError } from '../../../adapters/adapter-error.js';
import type { Sam } from '../../../adapters/sam/sam.js';
import { DataOutage } from '../data-handling.js';
import { fileAccounting, type FileAccounting } from '../../../domain/files/file-accounting.js';
import { outputFilesDims } from '../../../domain/files/stats-dims.js';
import type { SubmissionListRow } from '../../../db/read-models/submission-rows-read-model.js';
import { patternsOf, samContextOf, withAllOutputsLocatedDims } from '../../reports/file-dims.js';

const isOutage = (e: unknown) => isAdapterError(e, 'unavailable') || isAdapterError(e, 'timeout');

/** A count SAM refused (query limit, bad dims) reads as null: that number is then incomplete. */
async function tolerant<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isOutage(e)) throw new DataOutage((e as Error).message);
    return null;
  }
}

/** Throws DataOutage when SAM is down; a refused call makes the result `incomplete`. */
export async function countSubmissionFiles(sam: Sam, row: SubmissionListRow): Promise<FileAccounting> {
  const exp = row.experiment;
  let summary: Awaited<ReturnType<Sam['projectSummary']>> | undefined;
  try {
    summary = await sam.projectSummary(exp, row.project!);
  } catch (e) {
    if (isOutage(e)) throw new DataOutage((e as Error).message);
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
