import * as z from 'zod';
import { LensAnswerError } from './lens-answer-error.js';
import { submissionArgs, type LensKey } from './lens-documents.js';
import { parseLensEnvelope, type LensGraphqlError } from './parse-lens-answer.js';

/** One job of a submission as Lens reports it (the `jobs` field of Submission). */
export interface LensJob {
  /** `C.P@schedd` */
  id: string;
  /** HTCondor state name: Idle, Running, Held, Completed, Removed. */
  status: string;
  /** Set once the job completed; 0 = success. */
  exitCode: number | null;
  /** Set while the job is held. */
  holdReason: string | null;
  dagNodeName: string | null;
}

/** The jobs of one submission, with what says why each failed or is held. */
export function submissionJobsQuery(key: LensKey): string {
  return `{ submission(${submissionArgs(key)}) { id jobs { id status exitCode holdReason dagNodeName } } }`;
}

const jobSchema = z.looseObject({
  id: z.string(),
  status: z.union([z.string(), z.number()]).transform(String),
  exitCode: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  holdReason: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  dagNodeName: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});
const answerSchema = z.looseObject({ id: z.string(), jobs: z.array(jobSchema).nullish() });

/** Jobs null when Lens has no such submission. */
export function parseSubmissionJobs(raw: string): { jobs: LensJob[] | null; errors: LensGraphqlError[] } {
  const { data, errors } = parseLensEnvelope(raw);
  if (data.submission === null || data.submission === undefined) return { jobs: null, errors };
  const r = answerSchema.safeParse(data.submission);
  if (!r.success) throw new LensAnswerError(`bad submission jobs: ${z.prettifyError(r.error)}`, raw);
  const jobs = (r.data.jobs ?? []).map((j): LensJob => ({
    id: j.id,
    status: j.status,
    exitCode: j.exitCode,
    holdReason: j.holdReason,
    dagNodeName: j.dagNodeName,
  }));
  return { jobs, errors };
}
