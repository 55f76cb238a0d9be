import * as z from 'zod';
import { rowId, stageFieldsFromForm } from '../campaigns/campaigns.schema.js';

export const stageParams = z.object({ exp: z.string().min(1), sid: rowId });
export const dependencyParams = z.object({ exp: z.string().min(1), did: rowId });

/** The stage form → the stageInput shape: name plus the fields under their .ini names. */
export const stageFromForm = (body: Record<string, unknown>) => ({
  name: body.name,
  ...stageFieldsFromForm(body),
});

export const dependencyFromForm = (body: Record<string, unknown>) => ({
  upstream: body.upstream,
  file_pattern: body.file_pattern,
});
