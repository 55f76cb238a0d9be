import * as z from 'zod';
import { objectName } from '../../../services/campaigns/field-schemas.js';
import { campaignDocumentSchema } from './campaign-document.schema.js';

/** A row id from the address: a positive whole number that fits PostgreSQL's integer. */
const rowId = z.coerce.number().int().positive().max(2_147_483_647);

export const experimentParams = z.object({ exp: z.string().min(1) });
export const campaignParams = experimentParams.extend({ id: rowId });

/** The editor's save: the whole document, the stage renames it made, the version it loaded. */
export const editorSaveBody = z.strictObject({
  document: campaignDocumentSchema,
  renames: z
    .array(z.strictObject({ from: objectName, to: objectName }))
    .max(5_000)
    .default([]),
  version: z.string().max(100).nullable().optional(),
});

/** A dry run of a save: into campaign `campaign_id`, or as a new campaign when it is null/absent. */
export const editorCheckBody = editorSaveBody.extend({ campaign_id: rowId.nullable().optional() });

export const iniParseBody = z.strictObject({ text: z.string().max(6 * 1024 * 1024) });
export const iniRenderBody = z.strictObject({ document: campaignDocumentSchema });

const names = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).slice(0, 200));
/** ?job_type=a&job_type=b&login_setup=c */
export const definitionsQuery = z.object({ job_type: names, login_setup: names });

/** ?spec=…&dataset=… : a split spec to check, with the dataset it would cut. */
export const splitCheckQuery = z.object({
  spec: z.string().max(10_000).default(''),
  dataset: z.string().max(20_000).optional(),
});
