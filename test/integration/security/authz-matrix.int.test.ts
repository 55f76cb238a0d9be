import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Action } from '../../../src/domain/permissions/permissions.js';
import { DEMO_USERS } from '../../../src/services/demo/demo-people.js';
import { COMPAT_CALLS } from '../../../src/web/routes/compat/compat-routes.js';
import { listRoutes, type RouteEntry } from '../../../src/web/route-list.js';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';

// Issue 12 "make the classes impossible": the authorization matrix generated from the app's own
// router stack. Every state-changing route (page, /api, poms_client compat) must be classified
// below, or this test fails; each is then tried as every demo role × own/other owner × own/other
// experiment, and every combination the permission model (domain/permissions) refuses must be
// refused with no state change. Every one also needs more than the session cookie (CSRF token),
// and a compat method that changes state never answers GET.

type Rule = Action | 'root' | 'self' | 'public';

/** What each state-changing page and API route needs, by the permission model's words. */
const RULES: Record<string, Rule> = {
  'POST /sign-in': 'public',
  'POST /sign-out': 'self',
  'POST /session/experiment': 'self',
  'POST /session/role': 'self',
  'POST /api/v1/session': 'self',
  'POST /experiments': 'root',
  'POST /api/v1/experiments': 'root',
  'POST /experiments/:exp/members': 'manage',
  'PUT /api/v1/experiments/:exp/members/:username': 'manage',
  'POST /experiments/:exp/members/:username/remove': 'manage',
  'DELETE /api/v1/experiments/:exp/members/:username': 'manage',
  'POST /experiments/:exp/active': 'root',
  'POST /experiments/:exp/auto-recovery': 'manage',
  'PUT /api/v1/experiments/:exp/auto-recovery': 'manage',
  'POST /api/v1/experiments/:exp/campaigns/ini/parse': 'view',
  'POST /api/v1/experiments/:exp/campaigns/ini/render': 'view',
  'POST /api/v1/experiments/:exp/campaigns/editor': 'create',
  'POST /api/v1/experiments/:exp/campaigns/editor/check': 'view',
  'POST /api/v1/experiments/:exp/campaigns/check-chain': 'view',
  'POST /api/v1/experiments/:exp/campaigns/:id/editor': 'modify',
  'POST /api/v1/experiments/:exp/campaigns/import': 'create',
  'POST /experiments/:exp/campaigns/import': 'create',
  'POST /experiments/:exp/campaigns/:id/clone': 'create',
  'POST /api/v1/experiments/:exp/campaigns/:id/clone': 'create',
  'POST /experiments/:exp/campaign-samples/:sample': 'create',
  'POST /api/v1/experiments/:exp/campaign-samples/:sample': 'create',
  'POST /experiments/:exp/campaigns': 'create',
  'POST /api/v1/experiments/:exp/campaigns': 'create',
  'POST /experiments/:exp/campaigns/:id': 'modify',
  'PUT /api/v1/experiments/:exp/campaigns/:id': 'modify',
  'POST /experiments/:exp/campaigns/:id/active': 'modify',
  'POST /api/v1/experiments/:exp/campaigns/:id/active': 'modify',
  'POST /experiments/:exp/campaigns/:id/delete': 'modify',
  'DELETE /api/v1/experiments/:exp/campaigns/:id': 'modify',
  'POST /experiments/:exp/campaigns/:id/tags': 'modify',
  'POST /experiments/:exp/campaigns/:id/tags/:tag/remove': 'modify',
  'POST /api/v1/experiments/:exp/campaigns/:id/tags': 'modify',
  'DELETE /api/v1/experiments/:exp/campaigns/:id/tags/:tag': 'modify',
  'POST /experiments/:exp/campaigns/:id/stages': 'modify',
  'POST /api/v1/experiments/:exp/campaigns/:id/stages': 'modify',
  'POST /experiments/:exp/stages/:sid': 'modify',
  'PUT /api/v1/experiments/:exp/stages/:sid': 'modify',
  'POST /experiments/:exp/stages/:sid/delete': 'modify',
  'DELETE /api/v1/experiments/:exp/stages/:sid': 'modify',
  'POST /experiments/:exp/stages/:sid/dependencies': 'modify',
  'POST /api/v1/experiments/:exp/stages/:sid/dependencies': 'modify',
  'POST /experiments/:exp/dependencies/:did/delete': 'modify',
  'DELETE /api/v1/experiments/:exp/dependencies/:did': 'modify',
  'POST /experiments/:exp/job-types': 'create',
  'POST /api/v1/experiments/:exp/job-types': 'create',
  'POST /experiments/:exp/job-types/:id': 'modify',
  'PUT /api/v1/experiments/:exp/job-types/:id': 'modify',
  'POST /experiments/:exp/job-types/:id/delete': 'modify',
  'DELETE /api/v1/experiments/:exp/job-types/:id': 'modify',
  'POST /api/v1/experiments/:exp/job-types/:id/clone': 'create',
  'POST /experiments/:exp/login-setups': 'create',
  'POST /api/v1/experiments/:exp/login-setups': 'create',
  'POST /experiments/:exp/login-setups/:id': 'modify',
  'PUT /api/v1/experiments/:exp/login-setups/:id': 'modify',
  'POST /experiments/:exp/login-setups/:id/delete': 'modify',
  'DELETE /api/v1/experiments/:exp/login-setups/:id': 'modify',
  'POST /api/v1/experiments/:exp/login-setups/:id/clone': 'create',
  'POST /api/v1/experiments/:exp/stages/:id/launch': 'operate',
  'POST /experiments/:exp/stages/:id/launch': 'operate',
  'POST /api/v1/experiments/:exp/campaigns/:id/launch': 'operate',
  'POST /experiments/:exp/campaigns/:id/launch': 'operate',
  'POST /api/v1/experiments/:exp/submissions/:sid/abort': 'operate',
  'POST /experiments/:exp/submissions/:sid/abort': 'operate',
  'POST /api/v1/experiments/:exp/submissions/:sid/approve': 'operate',
  'POST /experiments/:exp/submissions/:sid/approve': 'operate',
  'POST /api/v1/experiments/:exp/submissions/:sid/reject': 'operate',
  'POST /experiments/:exp/submissions/:sid/reject': 'operate',
  'POST /api/v1/experiments/:exp/stages/:id/hold': 'operate',
  'POST /experiments/:exp/stages/:id/hold': 'operate',
  'POST /api/v1/experiments/:exp/launch-hold': 'manage',
  'POST /experiments/:exp/launch-hold': 'manage',
  'POST /experiments/:exp/held-launches/:hid/remove': 'operate',
  'PUT /api/v1/experiments/:exp/stages/:id/schedule': 'operate',
  'POST /experiments/:exp/stages/:id/schedule': 'operate',
  'PUT /api/v1/experiments/:exp/stages/:id/split-cursor': 'operate',
  'POST /experiments/:exp/stages/:id/split-cursor': 'operate',
  'POST /api/v1/experiments/:exp/:kind/:id/jobs': 'operate',
  'POST /experiments/:exp/jobs/:kind/:id': 'operate',
  'POST /api/v1/experiments/:exp/submissions/:sid/kick': 'operate',
  'POST /experiments/:exp/submissions/:sid/kick': 'operate',
  'POST /api/v1/experiments/:exp/submissions/:sid/relaunch': 'operate',
  'POST /experiments/:exp/submissions/:sid/relaunch': 'operate',
  'POST /api/v1/experiments/:exp/submissions/:sid/recover': 'operate',
  'POST /experiments/:exp/submissions/:sid/recover': 'operate',
  'POST /experiments/:exp/shifter/acknowledge': 'view',
  'POST /api/v1/experiments/:exp/acknowledgements': 'view',
  'POST /experiments/:exp/campaigns/:id/watch': 'view',
  'PUT /api/v1/experiments/:exp/campaigns/:id/watch': 'view',
  'POST /api/v1/admin/loops/:name/run': 'root',
  'POST /admin/loops/:name/run': 'root',
  'POST /api/v1/admin/schedules/run-due': 'root',
  'POST /api/v1/tokens': 'self',
  'DELETE /api/v1/tokens/:id': 'self',
  'POST /profile/tokens': 'self',
  'POST /profile/tokens/:id/revoke': 'self',
  'POST /profile/uploads': 'self', // the user's own uploads area
  'POST /profile/uploads/remove': 'self',
  // Notifications (issue 18): following what one may view; thresholds of what one may modify.
  'POST /experiments/:exp/campaigns/:id/notify': 'view',
  'PUT /api/v1/experiments/:exp/campaigns/:id/subscription': 'view',
  'DELETE /api/v1/experiments/:exp/campaigns/:id/subscription': 'view',
  'POST /experiments/:exp/campaigns/:id/stall-hours': 'modify',
  'PUT /api/v1/experiments/:exp/campaigns/:id/stall-hours': 'modify',
  'PUT /api/v1/experiments/:exp/stall-hours': 'manage',
  'POST /experiments/:exp/stall-hours': 'manage',
  'POST /profile/notifications': 'self',
  'POST /profile/notifications/remove': 'self',
  'POST /profile/notifications/settings': 'self',
  'POST /api/v1/notifications/subscriptions': 'self',
  'PUT /api/v1/notifications/settings': 'self',
};

/** What each state-changing poms_client method needs. */
const COMPAT_RULES: Record<string, Rule> = {
  show_campaigns: 'modify', // action=delete (campaign_rm)
  link_tags: 'modify',
  launch_campaign: 'operate',
  ini_to_campaign: 'create',
  launch_jobs: 'operate',
  update_stage_param_overrides: 'modify',
  campaign_stage_edit: 'modify',
  get_submission_id_for: 'operate',
  get_task_id_for: 'operate',
  update_submission: 'operate',
  job_type_edit: 'modify',
  job_type_rm: 'modify',
  modify_job_type_recoveries: 'modify',
  login_setup_edit: 'modify',
  login_setup_rm: 'modify',
  launch_template_edit: 'modify',
  campaign_definition_edit: 'modify',
  update_campaign_stage: 'modify',
  mark_campaign_hold: 'operate',
  kill_jobs: 'operate',
  upload_file: 'self', // the user's own uploads area
  remove_uploaded_files: 'self',
};

const mutatingCompat = Object.entries(COMPAT_CALLS)
  .filter(([, m]) => m.mutating !== false)
  .map(([n]) => n);

interface Fixture {
  campaign: number;
  stage: number;
  dependency: number;
  jobType: number;
  jobTypeName: string;
  loginSetup: number;
  loginSetupName: string;
  submission: number;
}

/** A route's path with its parameters filled for `exp` and the fixtures. */
function fill(path: string, exp: string, f: Fixture): string {
  const byName: Record<string, string | number> = {
    exp,
    id: path.includes('/job-types/')
      ? f.jobType
      : path.includes('/login-setups/')
        ? f.loginSetup
        : path.includes('/stages/')
          ? f.stage
          : path.includes('/tokens/')
            ? 999999
            : f.campaign,
    sid: path.includes('/submissions/') ? f.submission : f.stage,
    did: f.dependency,
    hid: 999999,
    username: 'analyst',
    tag: 'matrix',
    name: 'lens-poll',
    kind: 'campaigns',
    sample: 'demo',
  };
  return path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(byName[k] ?? 1)));
}

const OWNER_TABLES = ['campaigns', 'stages', 'job_types', 'login_setups'];
const WATCHED = [
  'experiments',
  'memberships',
  'job_type_recoveries',
  'submission_history',
  'tags',
  'watches',
  'acknowledgements',
  'campaigns',
  'stages',
  'dependencies',
  'job_types',
  'login_setups',
  'submissions',
  'held_launches',
  'campaign_tags',
  'api_tokens',
  'audit_log',
];

/** Row counts, active rows and latest change of the tables a route could touch, in one query. */
async function fingerprint(db: Knex): Promise<string> {
  const cols = await Promise.all(WATCHED.map(async (t) => [t, await db(t).columnInfo()] as const));
  const parts = cols.map(([t, c]) =>
    [
      `(select count(*) from ${t})`,
      'updated_at' in c ? `(select max(updated_at) from ${t})` : "''",
      'active' in c ? `(select count(*) from ${t} where active)` : "''",
    ].join(" || ':' || "),
  );
  const { rows } = (await db.raw(`select ${parts.join(" || ' ' || ")} as f`)) as {
    rows: Array<{ f: string }>;
  };
  return rows[0].f;
}

describe('authorization matrix, generated from the route registry', () => {
  let h: ApiHarness;
  let routes: RouteEntry[];
  let f: Fixture;
  const clients: Record<string, BrowserLikeClient> = {};
  const actors: Record<string, Parameters<typeof decide>[0]> = {};

  beforeAll(async () => {
    h = await startApiHarness({ sim: true });
    const db = h.testDb.db;
    await api(h.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'otherexp', name: 'Other' },
    });
    routes = listRoutes(h.app);
    const demo = await db('campaigns').where({ name: 'demo', experiment: 'samdev' }).first();
    const stage = await db('stages').where({ campaign_id: demo.campaign_id }).orderBy('stage_id').first();
    const dep = await db('dependencies')
      .where({
        downstream_stage_id: (
          await db('stages').where({ campaign_id: demo.campaign_id }).orderBy('stage_id', 'desc').first()
        ).stage_id,
      })
      .first();
    const jt = await db('job_types').where({ experiment: 'samdev' }).orderBy('job_type_id').first();
    const ls = await db('login_setups').where({ experiment: 'samdev' }).orderBy('login_setup_id').first();
    const [sub] = await db('submissions')
      .insert({ stage_id: stage.stage_id, experiment: 'samdev' })
      .returning('submission_id');
    f = {
      campaign: demo.campaign_id,
      stage: stage.stage_id,
      dependency: dep?.dependency_id ?? 999999,
      jobType: jt.job_type_id,
      jobTypeName: jt.name,
      loginSetup: ls.login_setup_id,
      loginSetupName: ls.name,
      submission: sub.submission_id,
    };
    for (const u of DEMO_USERS) {
      const b = new BrowserLikeClient(h.url);
      await b.signIn(u.username);
      clients[u.username] = b;
      const loaded = await h.services.identity.loadUser(u.username);
      actors[u.username] = loaded!;
    }
  });
  afterAll(async () => h?.close());

  const mutatingRoutes = () =>
    routes.filter((r) => !['GET', 'HEAD', 'ALL'].includes(r.method) && !r.path.startsWith('/poms/'));

  it('classifies every state-changing route the app answers (a new one must be added here)', () => {
    const keys = mutatingRoutes().map((r) => `${r.method} ${r.path}`);
    expect(keys.length).toBeGreaterThan(80);
    expect(keys.filter((k) => !(k in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((k) => !keys.includes(k))).toEqual([]);
    expect(mutatingCompat.filter((n) => !(n in COMPAT_RULES))).toEqual([]);
    // Every compat method is routed, under the prefix, for GET and POST.
    for (const n of Object.keys(COMPAT_CALLS))
      expect(routes.filter((r) => r.path === `/poms/${n}`).map((r) => r.method)).toEqual(
        expect.arrayContaining(['GET', 'POST']),
      );
  });

  it('no state-changing route accepts the session cookie without the CSRF token', async () => {
    const b = clients.admin;
    const fp = await fingerprint(h.testDb.db);
    const wrong: string[] = [];
    const targets = [
      ...mutatingRoutes().filter((r) => r.path !== '/sign-in'),
      ...mutatingCompat.map((n) => ({ method: 'POST', path: `/poms/${n}` })),
    ];
    for (const r of targets) {
      const res = await fetch(h.url + fill(r.path, 'samdev', f), {
        method: r.method,
        headers: {
          cookie: (b as unknown as { cookie: string }).cookie,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({
          experiment: 'samdev',
          action: 'delete',
          del_campaign_id: String(f.campaign),
        }),
        redirect: 'manual',
      });
      if (res.status !== 403) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint(h.testDb.db)).toBe(fp);
  });

  it('no state-changing compat method answers GET from a browser', async () => {
    const wrong: string[] = [];
    for (const n of mutatingCompat) {
      const res = await clients.admin.get(
        `/poms/${n}?experiment=samdev&action=delete&del_campaign_id=${f.campaign}&confirm=y&campaign_id=${f.campaign}`,
      );
      if (res.status !== 405) wrong.push(`${n} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  for (const owner of [
    { username: 'producer', role: 'production' },
    { username: 'analyst', role: 'analysis' },
  ])
    it(`refuses every combination the permission model refuses (objects owned by ${owner.username})`, async () => {
      const db = h.testDb.db;
      const ownerId = (await db('experimenters').where({ username: owner.username }).first()).experimenter_id;
      for (const t of OWNER_TABLES)
        await db(t).where({ experiment: 'samdev' }).update({ creator: ownerId, creator_role: owner.role });
      await db('submissions').where({ submission_id: f.submission }).update({ creator: ownerId });

      const wrong: string[] = [];
      let tried = 0;
      const expectRefused = async (who: string, label: string, send: () => Promise<number>) => {
        const status = await send();
        tried++;
        if (status < 400 || status >= 500) wrong.push(`${label} as ${who}: ${status}`);
      };

      for (const user of DEMO_USERS) {
        const b = clients[user.username];
        for (const exp of ['samdev', 'otherexp']) {
          const before = await fingerprint(db);
          const actor = {
            ...actors[user.username],
            role: actors[user.username].memberships[exp] ?? 'analysis',
          };
          const target = { experiment: exp, owner: owner.username, creatorRole: owner.role };
          const refused = (rule: Rule | undefined) =>
            rule === undefined // unclassified: the classification test fails
              ? false
              : rule === 'root'
                ? !user.root
                : rule === 'self' || rule === 'public'
                  ? false
                  : !decide(actor, rule, rule === 'create' ? { experiment: exp } : target).allowed;
          for (const r of mutatingRoutes()) {
            if (!refused(RULES[`${r.method} ${r.path}`])) continue;
            const url = fill(r.path, exp, f);
            await expectRefused(user.username, `${r.method} ${r.path} in ${exp}`, async () => {
              const res = await fetch(h.url + url, {
                method: r.method,
                headers: {
                  cookie: (b as unknown as { cookie: string }).cookie,
                  'x-csrf-token': b.csrf,
                  'content-type': 'application/json',
                  accept: 'application/json',
                },
                body: '{}',
                redirect: 'manual',
              });
              return res.status;
            });
          }
          for (const n of mutatingCompat) {
            if (!refused(COMPAT_RULES[n])) continue;
            await expectRefused(user.username, `poms ${n} in ${exp}`, async () => {
              const res = await b.post(`/poms/${n}`, {
                experiment: exp,
                action: n === 'show_campaigns' ? 'delete' : 'delete',
                del_campaign_id: String(f.campaign),
                campaign_id: String(f.campaign),
                campaign_stage_id: String(f.stage),
                campaign_stage: String(f.stage),
                submission_id: String(f.submission),
                job_type_id: String(f.jobType),
                ae_definition_name: f.jobTypeName,
                name: f.jobTypeName,
                ae_launch_name: f.loginSetupName,
                tag_name: 'matrix',
                ids2HR: String(f.stage),
                is_hold: 'Hold',
                confirm: 'y',
                recoveries: '[]',
                status: 'Located',
                completion_pct: '50',
                param_overrides: '[["-Oglobal.matrix=", "1"]]',
              });
              return res.status;
            });
          }
          // Nothing refused may have changed anything.
          if ((await fingerprint(db)) !== before)
            wrong.push(`state changed by a refused call as ${user.username} in ${exp}`);
        }
      }
      expect(tried).toBeGreaterThan(200);
      expect(wrong).toEqual([]);
    }, 300_000);
});
