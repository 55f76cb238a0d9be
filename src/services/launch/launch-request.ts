import * as z from 'zod';
import { datasetNameProblem, type ParamPair } from '../../domain/launch/index.js';

export type LaunchKind =
  'manual' | 'scheduled' | 'recovery' | 'dependency' | 'campaign' | 'relaunch' | 'held';

/** One launch of a stage, as asked by a person or by POMS itself. */
export interface LaunchRequest {
  stageId: number;
  /** Whose behalf the launch runs on (creator of the submission). */
  launcherId: number;
  launcherName: string;
  kind: LaunchKind;
  test?: boolean;
  datasetOverride?: string | null;
  paramOverrides?: ParamPair[];
  idempotencyKey?: string | null;
  parentSubmissionId?: number | null;
  dependsOnSubmissionId?: number | null;
  recoveryType?: string | null;
  /** Extra bookkeeping stored in submissions.params (definitions made for this launch, …). */
  params?: Record<string, unknown>;
  /** Launch even if the stage or experiment is held (releasing a held launch). */
  ignoreHold?: boolean;
}

export type LaunchOutcome =
  | { kind: 'launched'; submissionId: number; dataset: string; command: string; duplicate: boolean }
  | { kind: 'awaiting_approval'; submissionId: number; dataset: string; duplicate: boolean }
  | { kind: 'held'; heldLaunchId: number; duplicate: boolean };

const pair = z.tuple([z.string(), z.string()]);

/** What a person may send with a launch (page form or API). */
export const launchBody = z.object({
  test: z
    .union([
      z.boolean(),
      z.enum(['true', 'false', '1', '0', 'on']).transform((v) => v === 'true' || v === '1' || v === 'on'),
    ])
    .optional(),
  dataset_override: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .superRefine((v, ctx) => {
      const problem = v === undefined ? null : datasetNameProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  // A JSON list of [option, value] pairs, as JSON or as its text (form field).
  param_overrides: z
    .preprocess(
      (v) => {
        if (typeof v !== 'string') return v;
        if (!v.trim()) return [];
        try {
          return JSON.parse(v);
        } catch {
          return v;
        }
      },
      z.array(pair, { error: 'must be a JSON list of [option, value] pairs' }),
    )
    .optional(),
  idempotency_key: z.string().trim().min(8).max(200).optional(),
});
