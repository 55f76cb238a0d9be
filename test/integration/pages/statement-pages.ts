import { encodeCursor } from '../../../src/domain/pagination/keyset-cursor.js';
import type { Shape } from './grown-experiment.js';

// Every GET page and JSON twin the app serves, with addresses filled for one grown campaign: the
// statement-count tests measure each, and a test checks that no route of the app is missing here.

export interface PageCase {
  name: string;
  /** The HTML page (a signed-in browser), when the page has one. */
  page?: string;
  /** Its JSON twin or API call (a script), when it has one. */
  json?: string;
  /** Who asks: the producer by default; admin for root's pages. */
  as?: 'admin';
  /** The status a working page answers (200 unless said). */
  status?: number;
}

const P = '/experiments/samdev';
const A = '/api/v1';
/** A page and its twin at /api/v1 + the page's address. */
const both = (name: string, path: string, more: Partial<PageCase> = {}): PageCase => ({
  name,
  page: path,
  json: `${A}${path}`,
  ...more,
});

/** What people watch and act on: lists, reports, the shifter view and the overviews. */
export const monitoringPages = (s: Shape): PageCase[] => [
  { name: 'home', page: '/', status: 303 },
  { name: 'experiments', page: '/experiments', json: `${A}/experiments` },
  both('experiment home', P),
  both('campaign list', `${P}/campaigns`),
  both('campaign', `${P}/campaigns/${s.campaign}`),
  both('campaign submissions', `${P}/campaigns/${s.campaign}/submissions`),
  both('campaign submissions, whole life', `${P}/campaigns/${s.campaign}/submissions?tdays=36500`),
  { name: 'stage page', page: `${P}/stages/${s.stage}`, json: `${A}${P}/stages/${s.stage}/page` },
  { name: 'stage', json: `${A}${P}/stages/${s.stage}` },
  both('stage submissions', `${P}/stages/${s.stage}/submissions`),
  both('stage submissions, whole life', `${P}/stages/${s.stage}/submissions?tdays=36500`),
  both(
    'stage submissions, whole life, last page',
    `${P}/stages/${s.stage}/submissions?tdays=36500&page_size=10&page=9999`,
  ),
  both(
    'stage submissions, whole life, next page by cursor',
    `${P}/stages/${s.stage}/submissions?tdays=36500&page_size=10&page=2&after=${encodeCursor({ sort: 'created', key: '2999-01-01 00:00:00+00', id: 1 })}`,
  ),
  both(
    'campaign submissions, previous page by cursor',
    `${P}/campaigns/${s.campaign}/submissions?tdays=36500&sort=id&dir=asc&page_size=10&page=3&before=${encodeCursor({ sort: 'id', key: '999999999', id: 999999999 })}`,
  ),
  both('submission', `${P}/submissions/${s.submission}`),
  { name: 'submission summary', json: `${A}${P}/submissions/${s.submission}/summary` },
  both('launch log', `${P}/submissions/${s.submission}/log`),
  both('job logs', `${P}/submissions/${s.submission}/job-logs`),
  { name: 'job log file', page: `${P}/submissions/${s.submission}/job-logs/file?name=job.out` },
  { name: 'job logs tarball', page: `${P}/submissions/${s.submission}/job-logs.tar.gz` },
  both('submission files', `${P}/submissions/${s.submission}/files`),
  both('stage files', `${P}/stages/${s.stage}/files`),
  both('campaign files', `${P}/campaigns/${s.campaign}/files`),
  both('experiment files', `${P}/files?dims=${encodeURIComponent('defname: demo_raw')}`),
  both('experiment files of a report number', `${P}/files?submission=${s.submission}&column=consumed`),
  both('file details', `${P}/files/f1.root`),
  { name: 'stage file counts', json: `${A}${P}/stages/${s.stage}/file-counts` },
  { name: 'submission file counts', json: `${A}${P}/submissions/${s.submission}/file-counts` },
  both('progress', `${P}/campaigns/${s.campaign}/progress`),
  both('time bars', `${P}/campaigns/${s.campaign}/timeline`),
  both('experiment failures', `${P}/failures`),
  both('campaign failures', `${P}/campaigns/${s.campaign}/failures`),
  both('stage failures', `${P}/stages/${s.stage}/failures`),
  both('shifter view', `${P}/shifter`),
  both('overview', `${P}/overview`),
  both('overview by files', `${P}/overview?sort=files&dir=desc`),
  both('overview by problems', `${P}/overview?sort=problems&dir=desc&page_size=5`),
  both('overview by activity', `${P}/overview?sort=activity&dir=asc&state=all`),
  both('overview of every experiment', '/overview', { as: 'admin' }),
  both('watching', '/watching'),
  both('held launches', `${P}/held-launches`),
];

/** Configuration, people, administration, documentation and the poms_client read calls. */
export const configurationPages = (s: Shape): PageCase[] => {
  const c = `${P}/campaigns/${s.campaign}`;
  const compat = (name: string, q: string): PageCase => ({
    name: `poms_client ${name}`,
    json: `/poms/${name}?experiment=samdev&${q}`,
  });
  return [
    { name: 'sign-in', page: '/sign-in' },
    { name: 'me', json: `${A}/me` },
    { name: 'members', json: `${A}${P}/members` },
    { name: 'profile', page: '/profile', json: `${A}/notifications` },
    { name: 'tokens', json: `${A}/tokens` },
    both('campaign editor, new', `${P}/campaigns/new/editor`),
    both('campaign editor', `${c}/editor`),
    { name: 'editor definitions', json: `${A}${P}/campaigns/editor/definitions` },
    { name: 'split types', json: `${A}/split-types` },
    { name: 'split type check', json: `${A}/split-types/check?spec=${encodeURIComponent('mod(3)')}` },
    { name: 'campaign stages', json: `${A}${c}/stages` },
    both('campaign notifications', `${c}/notifications`),
    both('campaign ini', `${c}/ini`),
    { name: 'campaign clone', page: `${c}/clone` },
    { name: 'campaign samples', page: `${P}/campaign-samples`, json: `${A}/campaign-samples` },
    { name: 'campaign sample ini', json: `${A}/campaign-samples/demo/ini` },
    { name: 'new campaign', page: `${P}/campaigns/new` },
    { name: 'campaign edit', page: `${c}/edit` },
    { name: 'new stage', page: `${c}/stages/new` },
    { name: 'stage edit', page: `${P}/stages/${s.stage}/edit` },
    both('launch preview', `${P}/stages/${s.stage}/launch-preview`),
    both('check chain', `${c}/check-chain`),
    both('job types', `${P}/job-types`),
    { name: 'new job type', page: `${P}/job-types/new` },
    both('job type', `${P}/job-types/${s.jobType}`),
    { name: 'recovery types', json: `${A}/recovery-types` },
    both('login setups', `${P}/login-setups`),
    { name: 'new login setup', page: `${P}/login-setups/new` },
    both('login setup', `${P}/login-setups/${s.loginSetup}`),
    { name: 'status', page: '/admin/status', json: `${A}/admin/status`, as: 'admin' },
    { name: 'registry', page: '/admin/registry', json: `${A}/admin/registry`, as: 'admin' },
    { name: 'loops', page: '/admin/loops', json: `${A}/admin/loops`, as: 'admin' },
    { name: 'API documentation', page: '/api/docs', json: `${A}/openapi.json` },
    compat('show_campaigns', 'fmt=json'),
    compat('campaign_list_json', ''),
    compat('get_campaign_id', `campaign_name=${s.campaignName}`),
    compat('get_campaign_name', `campaign_id=${s.campaign}`),
    compat('show_campaign_stages', `fmt=json&campaign_name=${s.campaignName}`),
    compat('get_campaign_stage_id', `campaign_name=${s.campaignName}&campaign_stage_name=reco`),
    compat('get_campaign_stage_name', `campaign_stage_id=${s.stage}`),
    compat('campaign_stage_submissions', `fmt=json&campaign_name=${s.campaignName}&stage_name=reco`),
    compat('submission_details', `fmt=json&submission_id=${s.submission}`),
    compat('kill_jobs', `campaign_id=${s.campaign}`),
    compat('file_uploads', 'fmt=json'),
    compat('file_uploads_json', ''),
    compat('download_file', 'filename=notes.txt'),
  ];
};
