import { externalReferences, parseCampaignIni } from '../../../src/domain/ini/index.js';
import { api } from '../../helpers/browser-like-client.js';
import { importIni } from '../campaigns/campaign-test-helpers.js';

export const editorApi = (exp: string) => `/api/v1/experiments/${exp}/campaigns`;

/** The editor's JSON twin of campaign `id` (the data the page starts from). */
export async function loadEditor(base: string, exp: string, id: number, user = 'producer') {
  const res = await api(base, 'GET', `${editorApi(exp)}/${id}/editor`, { user });
  if (res.status !== 200) throw new Error(`editor data: ${res.status} ${res.text}`);
  return res.json;
}

/** POSTs an editor save as the page script does (JSON; header authentication needs no CSRF token). */
export const saveEditor = (base: string, exp: string, id: number | null, body: unknown, user = 'producer') =>
  api(base, 'POST', id === null ? `${editorApi(exp)}/editor` : `${editorApi(exp)}/${id}/editor`, {
    user,
    body,
  });

/**
 * Creates the job types and login setups a corpus file uses without defining them (files from
 * other experiments name the experiment's own), so that the file can be imported as it is.
 */
export async function createMissingReferences(base: string, exp: string, text: string | Uint8Array) {
  const refs = externalReferences(parseCampaignIni(text).doc);
  for (const jt of refs.jobTypes) {
    const r = await api(base, 'POST', `/api/v1/experiments/${exp}/job-types`, {
      user: 'producer',
      body: { name: jt.name, launch_script: 'fife_launch' },
    });
    if (r.status !== 201 && r.status !== 409) throw new Error(`job type ${jt.name}: ${r.status} ${r.text}`);
  }
  for (const ls of refs.loginSetups) {
    const r = await api(base, 'POST', `/api/v1/experiments/${exp}/login-setups`, {
      user: 'producer',
      body: { name: ls.name, launch_host: 'localhost', launch_account: 'samdevpro' },
    });
    if (r.status !== 201 && r.status !== 409)
      throw new Error(`login setup ${ls.name}: ${r.status} ${r.text}`);
  }
}

/** Imports a corpus file into `exp` (its missing references created first); → the campaign id. */
export async function importCorpusFile(base: string, exp: string, text: Uint8Array): Promise<number> {
  await createMissingReferences(base, exp, text);
  const r = await importIni(base, exp, text);
  if (r.status !== 201 && r.status !== 200) throw new Error(`import: ${r.status} ${r.text}`);
  return r.json.campaign_id as number;
}
