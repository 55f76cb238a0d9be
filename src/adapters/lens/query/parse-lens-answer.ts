import * as z from 'zod';
import type { BatchAlias } from './batched-query.js';
import { LensAnswerError } from './lens-answer-error.js';
import { lensEntrySchema, type LensEntry } from './lens-entry.js';
import { plainLensEntry } from './plain-lens-entry.js';

export interface LensGraphqlError {
  message: string;
  path?: Array<string | number>;
}

const envelopeSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z
    .array(z.looseObject({ message: z.string(), path: z.array(z.union([z.string(), z.number()])).nullish() }))
    .nullish(),
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The GraphQL envelope: `data` (possibly null) and `errors`. Throws LensAnswerError. */
export function parseLensEnvelope(raw: string): {
  data: Record<string, unknown>;
  errors: LensGraphqlError[];
} {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new LensAnswerError('Lens answer is not JSON', raw);
  }
  // The usual answer (data, no errors) as the schema would return it, without a copy of `data`.
  if (isRecord(json) && isRecord(json.data) && (json.errors === undefined || json.errors === null))
    return { data: json.data, errors: [] };
  const r = envelopeSchema.safeParse(json);
  if (!r.success)
    throw new LensAnswerError(`Lens answer is not a GraphQL response: ${z.prettifyError(r.error)}`, raw);
  if (!r.data.data && !r.data.errors?.length)
    throw new LensAnswerError('Lens answer has neither data nor errors', raw);
  const errors = (r.data.errors ?? []).map((e) =>
    e.path ? { message: e.message, path: e.path } : { message: e.message },
  );
  return { data: r.data.data ?? {}, errors };
}

function entry(value: unknown, where: string, raw: string): LensEntry | null {
  if (value === null || value === undefined) return null;
  const plain = plainLensEntry(value);
  if (plain) return plain;
  const r = lensEntrySchema.safeParse(value);
  if (!r.success) throw new LensAnswerError(`bad submission at ${where}: ${z.prettifyError(r.error)}`, raw);
  return r.data;
}

/** Answer to query 2 or 3 (`submission(…)`); entry null when Lens found none. */
export function parseSubmissionAnswer(raw: string): { entry: LensEntry | null; errors: LensGraphqlError[] } {
  const { data, errors } = parseLensEnvelope(raw);
  return { entry: entry(data.submission, 'submission', raw), errors };
}

/** Answer to query 1 (`submissions(…)`); entries without a pomsTaskID are kept (null). */
export function parseRecentSubmissions(raw: string): {
  entries: Array<Pick<LensEntry, 'id' | 'pomsTaskID' | 'env'>>;
  errors: LensGraphqlError[];
} {
  const { data, errors } = parseLensEnvelope(raw);
  const list = data.submissions ?? [];
  if (!Array.isArray(list)) throw new LensAnswerError('submissions is not a list', raw);
  const entries = list.flatMap((v, i) => {
    const e = entry(v, `submissions[${i}]`, raw);
    return e ? [{ id: e.id, pomsTaskID: e.pomsTaskID, env: e.env }] : [];
  });
  return { entries, errors };
}

export interface BatchItem extends BatchAlias {
  entry: LensEntry | null;
  /** Errors whose path starts with this alias (e.g. no submission with that pomsTaskId). */
  errors: LensGraphqlError[];
}

/** Answer to query 5, one item per alias in request order; unattributed errors are returned apart. */
export function parseBatchedAnswer(
  raw: string,
  aliases: BatchAlias[],
): { items: BatchItem[]; errors: LensGraphqlError[] } {
  const { data, errors } = parseLensEnvelope(raw);
  const known = new Set(aliases.map((a) => a.alias));
  const items = aliases.map((a) => ({
    ...a,
    entry: entry(data[a.alias], a.alias, raw),
    errors: errors.filter((e) => e.path?.[0] === a.alias),
  }));
  return { items, errors: errors.filter((e) => !known.has(String(e.path?.[0]))) };
}
