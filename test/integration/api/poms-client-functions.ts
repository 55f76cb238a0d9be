import { pomsCall, type PyValue } from './poms-client-call.js';

// The functions of fermitools/poms poms_client/python/poms_client.py, transcribed call for call:
// the same method names and form fields, and make_poms_call's answer handling — HTTP 303 gives the
// Location, 200 and 202 the body, anything else raises (the client's RuntimeError). The parsing
// each function does afterwards (int(), json.loads, the id after the last "_") is done here too,
// so a reply the real client could not read fails the test.

export class PomsClientError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    body: string,
  ) {
    super(`POMS call ${method} error: HTTP status: ${status}\n${body.slice(0, 300)}`);
  }
}

type Fields = Record<string, PyValue>;
type Files = Record<string, { name: string; content: string }>;

export function pomsClient(base: string, token: string, session: { experiment: string; role: string }) {
  /** make_poms_call: session experiment/role added when not given, None fields dropped. */
  async function make(method: string, fields: Fields, files?: Files): Promise<[string, number]> {
    const all: Fields = { ...fields };
    if (!all.experiment) all.experiment = session.experiment;
    if (!all.role) all.role = session.role;
    const r = await pomsCall(base, method, all, { token, files });
    if (r.status === 303) return [r.location ?? '', 303];
    if (r.status !== 200 && r.status !== 202) throw new PomsClientError(method, r.status, r.text);
    return [r.text, r.status];
  }
  const ok = (s: number) => s === 200 || s === 201;
  const sidOf = (loc: string) => Number.parseInt(loc.slice(loc.lastIndexOf('_') + 1), 10);
  const pyInt = (s: string) => {
    if (!/^\s*-?\d+\s*$/.test(s)) throw new Error(`int() of ${JSON.stringify(s.slice(0, 80))}`);
    return Number(s);
  };

  return {
    make,
    async show_campaigns(kw: Fields = {}) {
      const [d, s] = await make('show_campaigns', { fmt: 'json', ...kw });
      return [ok(s), JSON.parse(d)] as const;
    },
    async show_campaign_stages(campaign_name: string | null, kw: Fields = {}) {
      const [d, s] = await make('show_campaign_stages', { fmt: 'json', campaign_name, ...kw });
      return [ok(s), JSON.parse(d)] as const;
    },
    async update_submission(
      submission_id: number,
      jobsub_job_id?: string,
      status?: string,
      project?: string,
    ) {
      const [d, s] = await make('update_submission', { submission_id, status, jobsub_job_id, project });
      return [ok(s), d] as const;
    },
    async campaign_stage_submissions(campaign_name: string, stage_name: string) {
      const [d, s] = await make('campaign_stage_submissions', { fmt: 'json', campaign_name, stage_name });
      return [ok(s), JSON.parse(d)] as const;
    },
    async submission_details(submission_id: number) {
      const [d, s] = await make('submission_details', { submission_id, fmt: 'json' });
      return [ok(s), JSON.parse(d)] as const;
    },
    async upload_wf(fileName: string, content: string, replace = false) {
      const [d, s] = await make(
        'ini_to_campaign',
        { pcl_call: 1, replace },
        { upload: { name: fileName, content } },
      );
      return [ok(s), JSON.parse(d)] as const;
    },
    async get_campaign_id(campaign_name: string) {
      return pyInt((await make('get_campaign_id', { campaign_name }))[0]);
    },
    async get_campaign_name(campaign_id: number) {
      return (await make('get_campaign_name', { campaign_id }))[0];
    },
    async get_campaign_stage_id(campaign_name: string, campaign_stage_name: string) {
      return pyInt((await make('get_campaign_stage_id', { campaign_name, campaign_stage_name }))[0]);
    },
    async get_campaign_stage_name(campaign_stage_id: number) {
      return JSON.parse((await make('get_campaign_stage_name', { campaign_stage_id }))[0]);
    },
    async update_stage_param_overrides(
      campaign_stage: PyValue,
      param_overrides?: string,
      test_param_overrides?: string,
    ) {
      return (
        await make('update_stage_param_overrides', { campaign_stage, param_overrides, test_param_overrides })
      )[0];
    },
    async get_submission_id_for(campaign_stage_id: number, kw: Fields = {}) {
      const [d] = await make('get_submission_id_for', { campaign_stage_id, ...kw });
      return pyInt(d.replace('Task=', ''));
    },
    async launch_campaign_stage_jobs(campaign_stage_id: number, test_launch?: boolean) {
      const [d, s] = await make('launch_jobs', { campaign_stage_id, test_launch });
      return [d, s, s === 303 ? sidOf(d) : null] as const;
    },
    async launch_campaign_jobs(campaign_id: number, test_launch?: boolean) {
      const [d, s] = await make('launch_campaign', { campaign_id, test_launch });
      return [d, s, s === 303 ? sidOf(d) : null] as const;
    },
    async modify_job_type_recoveries(job_type_id: number, recoveries: unknown) {
      const text = typeof recoveries === 'string' ? recoveries : JSON.stringify(recoveries);
      const [d, s] = await make('modify_job_type_recoveries', { job_type_id, recoveries: text });
      return [d ? JSON.parse(d) : d, s] as const;
    },
    async job_type_rm(name: string) {
      return make('job_type_rm', { pcl_call: 1, ae_definition_name: name });
    },
    async login_setup_rm(name: string) {
      return make('login_setup_rm', { pcl_call: 1, ae_launch_name: name });
    },
    async login_setup_edit(host: string, account: string, setup: string, action: string, name: string) {
      const [, s] = await make('login_setup_edit', {
        pcl_call: 1,
        pc_username: 'producer',
        action,
        ae_launch_name: name,
        ae_launch_host: host,
        ae_launch_account: account,
        ae_launch_setup: setup,
      });
      return s;
    },
    async launch_template_edit(action: string, name: string, host: string, account: string, setup: string[]) {
      const [, s] = await make('launch_template_edit', {
        pcl_call: 1,
        pc_username: 'producer',
        action,
        ae_launch_name: name,
        ae_launch_host: host,
        ae_launch_account: account,
        ae_launch_setup: setup.map((x) => `${x} `).join(''),
      });
      return s;
    },
    async job_type_edit(
      output_file_patterns: string,
      launch_script: string,
      def_parameter: unknown,
      action: string,
      name: string,
      method = 'job_type_edit',
    ) {
      const [, s] = await make(method, {
        pcl_call: 1,
        pc_username: 'producer',
        action,
        ae_definition_name: name,
        ae_output_file_patterns: output_file_patterns,
        ae_launch_script: launch_script
          .split(/\s+/)
          .filter(Boolean)
          .map((x) => `${x} `)
          .join(''),
        ae_definition_parameters: JSON.stringify(def_parameter),
      });
      return s;
    },
    async campaign_rm(name: string) {
      return make('show_campaigns', { pcl_call: 1, action: 'delete', fmt: 'json', del_campaign_name: name });
    },
    async update_campaign_stage(campaign_stage: PyValue, kw: Fields) {
      const [, s] = await make('update_campaign_stage', { pcl_call: 1, campaign_stage, ...kw });
      return s;
    },
    async campaign_stage_edit(action: string, campaign: string, stage: string, f: Fields) {
      const [, s] = await make('campaign_stage_edit', {
        pcl_call: 1,
        action,
        ae_campaign_name: campaign,
        ae_stage_name: stage,
        pc_username: 'producer',
        ae_cronjob: true,
        ...f,
      });
      return s;
    },
    async get_campaign_list() {
      const [res] = await make('campaign_list_json', {});
      const d: Record<string, number> = {};
      for (const nid of JSON.parse(res)) d[nid.name] = nid.campaign_stage_id;
      return d;
    },
    async tag_campaigns(tag: string, cids: number[]) {
      const [, sc] = await make('link_tags', { campaign_id: cids, tag_name: tag });
      return sc === 200;
    },
  };
}
