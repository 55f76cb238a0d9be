import type { Knex } from 'knex';

/** POSTs an .ini body to the import API as a script would. */
export async function importIni(
  base: string,
  exp: string,
  body: string | Uint8Array,
  opts: { user?: string; contentType?: string } = {},
) {
  const res = await fetch(`${base}/api/v1/experiments/${exp}/campaigns/import`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': opts.contentType ?? 'text/plain',
      'x-remote-user': opts.user ?? 'producer',
    },
    body: typeof body === 'string' ? body : Buffer.from(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** GETs the .ini export of a campaign. */
export async function exportIni(base: string, exp: string, id: number, user = 'producer') {
  const res = await fetch(`${base}/api/v1/experiments/${exp}/campaigns/${id}/ini`, {
    headers: { 'x-remote-user': user },
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const TABLES: Array<[string, string]> = [
  ['login_setups', 'login_setup_id'],
  ['job_types', 'job_type_id'],
  ['job_type_recoveries', 'job_type_id, position'],
  ['campaigns', 'campaign_id'],
  ['stages', 'stage_id'],
  ['dependencies', 'dependency_id'],
  ['tags', 'tag_id'],
  ['campaign_tags', 'campaign_id, tag_id'],
  ['audit_log', 'audit_id'],
];

/** Every row of the configuration tables (and the audit log), to assert that nothing changed. */
export async function dumpConfig(db: Knex): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of TABLES)
    out[table] = (await db.raw(`select * from ${table} order by ${order}`)).rows;
  return out;
}
