import type { Knex } from 'knex';
import type { Jobsub, JobLogFile } from '../../adapters/jobsub/jobsub.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { groupFor } from '../../domain/launch/index.js';
import { isFinalStatus } from '../../domain/submissions/status-machine.js';
import { notFound } from '../../lib/errors.js';
import { tarGz } from '../../lib/tar-gz.js';
import type { SessionFor } from '../launch/host-session.js';
import { authorize, type UserContext } from '../user-context.js';
import { jobLogCacheStore } from '../../db/stores/job-log-cache-store.js';
import { launchHostOf } from './stuck-submissions.js';

// A submission's job logs for the people following it (external-apis.md 1.8): `jobsub_fetchlog`
// of each of its clusters on its launch host, cached in PostgreSQL (every POMS process shares the
// cache) so that opening several files of one bundle fetches once. Logs of a finished submission
// no longer change and are kept until evicted (least recently used first, beyond the size cap);
// those of a running one are fetched again after a few minutes.

const LIVE_TTL_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 120_000;

export interface JobLogOptions {
  now?: () => Date;
  sessionFor?: SessionFor;
  /** Size cap of the shared cache, in bytes ([jobsub] log_cache_mb). */
  cacheMaxBytes: number;
}

export interface JobLogBundle {
  submissionId: number;
  fetchedAt: Date;
  /** `<cluster id>/<file name>` for a submission of several clusters, else the file name. */
  files: JobLogFile[];
}

export function jobLogService(db: Knex, jobsub: Jobsub, settings: JobLogOptions) {
  const now = settings.now ?? (() => new Date());
  const sessionFor = settings.sessionFor;
  const cache = jobLogCacheStore(db);

  async function submission(user: UserContext, exp: string, sid: number): Promise<SubmissionRow> {
    authorize(user, 'view', { experiment: exp });
    const s = await db<SubmissionRow>('submissions').where({ submission_id: sid, experiment: exp }).first();
    if (!s) throw notFound(`submission ${sid} in ${exp}`);
    return s;
  }

  async function fetchBundle(s: SubmissionRow): Promise<JobLogBundle> {
    const ids = s.jobsub_cluster_ids.length ? s.jobsub_cluster_ids : s.jobsub_job_id ? [s.jobsub_job_id] : [];
    if (!ids.length) throw notFound(`job logs of submission ${s.submission_id}: it has no jobsub job id yet`);
    const { at, session, role } = await launchHostOf({ db, sessionFor }, s);
    const files: JobLogFile[] = [];
    for (const id of ids) {
      const got = await jobsub.fetchLogs(id, { group: groupFor(s.experiment), role }, at, session, {
        timeoutMs: FETCH_TIMEOUT_MS,
      });
      for (const f of got) files.push(ids.length > 1 ? { ...f, name: `${id}/${f.name}` } : f);
    }
    return { submissionId: s.submission_id, fetchedAt: now(), files };
  }

  return {
    /** The bundle, from the cache when fresh; `refresh` fetches again. */
    async bundle(user: UserContext, exp: string, sid: number, opts: { refresh?: boolean } = {}) {
      const s = await submission(user, exp, sid);
      const hit = opts.refresh ? null : await cache.get(sid, now());
      if (hit && (hit.final || now().getTime() - hit.fetchedAt.getTime() < LIVE_TTL_MS))
        return { submissionId: sid, fetchedAt: hit.fetchedAt, files: hit.files };
      const bundle = await fetchBundle(s);
      const final = isFinalStatus(s.status) || s.status === 'Completed';
      await cache.put(sid, { ...bundle, final }, now(), settings.cacheMaxBytes);
      return bundle;
    },
    /** One file of the bundle, or a 404 naming it. */
    async file(user: UserContext, exp: string, sid: number, name: string) {
      const b = await this.bundle(user, exp, sid);
      const f = b.files.find((x) => x.name === name);
      if (!f) throw notFound(`log file ${name} of submission ${sid}`);
      return f;
    },
    /** The whole bundle as `<submission id>_logs.tar.gz`. */
    async tarball(user: UserContext, exp: string, sid: number) {
      const b = await this.bundle(user, exp, sid);
      return {
        name: `submission_${sid}_logs.tar.gz`,
        content: tarGz(
          b.files.map((f) => ({ name: f.name, content: f.content })),
          b.fetchedAt.getTime(),
        ),
      };
    },
  };
}

export type JobLogService = ReturnType<typeof jobLogService>;
