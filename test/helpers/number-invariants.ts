import type { Knex } from 'knex';
import type { Sam } from '../../src/adapters/sam/sam.js';
import { ACCOUNTING_COUNTS, type FileAccounting } from '../../src/domain/files/file-accounting.js';
import { outputFilesDims } from '../../src/domain/files/stats-dims.js';
import {
  submissionRows,
  type SubmissionListRow,
} from '../../src/db/read-models/submission-rows-read-model.js';
import { patternsOf, samContextOf } from '../../src/services/reports/file-dims.js';
import type {
  MetacatDataHandling,
  MetacatSubmission,
} from '../../src/services/data/metacat-data-handling.js';

type Counts = Omit<FileAccounting, 'incomplete'>;

/** The identities every count (submission, stage, campaign) keeps; [] when they hold. */
export function identityProblems(label: string, c: Counts): string[] {
  const out: string[] = [];
  if (c.submitted !== c.delivered + c.unknown)
    out.push(`${label}: submitted ${c.submitted} ≠ delivered ${c.delivered} + unknown ${c.unknown}`);
  const parts = c.consumed + c.failed + c.skipped + c.cancelled + c.stillDelivered;
  if (c.delivered !== parts) out.push(`${label}: delivered ${c.delivered} ≠ its parts ${parts}`);
  if (c.outputsLocated > c.outputsDeclared)
    out.push(`${label}: located ${c.outputsLocated} > declared ${c.outputsDeclared}`);
  return out;
}

export const sumCounts = (list: Counts[]): Counts =>
  Object.fromEntries(ACCOUNTING_COUNTS.map((k) => [k, list.reduce((n, c) => n + c[k], 0)])) as Counts;

export const countsOf = (c: Counts): Counts =>
  Object.fromEntries(ACCOUNTING_COUNTS.map((k) => [k, c[k]])) as Counts;

/** Every submission with a SAM project, as the report pages read it. */
export const projectRows = async (db: Knex, experiment: string): Promise<SubmissionListRow[]> =>
  (await submissionRows(db)
    .where('u.experiment', experiment)
    .whereNotNull('u.project')
    .orderBy('u.submission_id')) as SubmissionListRow[];

/**
 * Output file → the submissions the attribution rule gives it to (declared, any location), listed
 * from SAM with the same dims the pages count and link.
 */
export async function attributionMap(
  sam: Sam,
  experiment: string,
  rows: SubmissionListRow[],
): Promise<Map<string, number[]>> {
  const owners = new Map<string, number[]>();
  for (const r of rows) {
    const ctx = samContextOf(r, sam.attributionParam);
    if (!ctx) continue;
    for (const f of await sam.listFiles(experiment, outputFilesDims(ctx, patternsOf(r), 'anylocation')))
      owners.set(f, [...(owners.get(f) ?? []), r.submission_id]);
  }
  return owners;
}

/**
 * Output DID → the submissions the MQL attribution rule gives it to, for a MetaCat experiment's
 * submissions (each with its Data Dispatcher project), listed from MetaCat as the numbers count them.
 */
export async function mqlAttributionMap(
  handling: MetacatDataHandling,
  subs: readonly MetacatSubmission[],
  patterns: readonly string[],
): Promise<Map<string, number[]>> {
  const owners = new Map<string, number[]>();
  for (const s of subs)
    for (const f of await handling.outputs(s, patterns))
      owners.set(f, [...(owners.get(f) ?? []), s.submissionId]);
  return owners;
}
