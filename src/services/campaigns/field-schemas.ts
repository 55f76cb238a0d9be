import * as z from 'zod';
import { normalizeRecoveryType } from '../../domain/recovery/recovery-types.js';

// Zod pieces shared by the configuration inputs. Text that reaches PostgreSQL may not hold NUL
// characters (text and jsonb refuse them): refusing them here turns a would-be 500 into a 400.

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'must not contain NUL characters';

/** Names of campaigns, stages, job types, login setups: one trimmed line, at most 200 characters. */
export const objectName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(200, 'at most 200 characters')
  .refine((s) => !/[\r\n]/.test(s), 'must fit on one line')
  .refine(noNul, NUL_MESSAGE);

/** Free text (shell setup, scripts, patterns), possibly several lines. */
export const freeText = z.string().max(100_000, 'at most 100000 characters').refine(noNul, NUL_MESSAGE);

/** Ordered [option, value] pairs (a lone [option] is kept as written, as real files have them). */
export const paramPairsInput = z.array(
  z
    .array(z.string().refine(noNul, NUL_MESSAGE))
    .min(1, 'each entry is [option, value]')
    .max(2, 'each entry is [option, value]'),
);

/** A recovery rung as [type, pairs]; the old name proj_status is read as process_status. */
export const recoveryRungInput = z.tuple([z.string(), paramPairsInput]).transform(([type, pairs], ctx) => {
  const name = normalizeRecoveryType(type);
  if (!name) {
    ctx.addIssue({ code: 'custom', message: `unknown recovery type '${type}'`, path: [0] });
    return z.NEVER;
  }
  return { recovery_type: name, param_overrides: pairs };
});

/** true/false also as form text (a checkbox sends "on"). */
export const flag = z.union([
  z.boolean(),
  z
    .enum(['true', 'false', 'True', 'False', 'on', 'off', '1', '0'])
    .transform((v) => ['true', 'True', 'on', '1'].includes(v)),
]);

/** `%(key)s` keywords: text values, keys of letters, digits and _. */
export const keywordsInput = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'keyword names are letters, digits and _'),
  z.string().refine(noNul, NUL_MESSAGE),
);
