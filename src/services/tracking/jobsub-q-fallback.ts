import type { ClassAd } from '../../adapters/jobsub/parse/index.js';
import { parseJobId } from '../../adapters/jobsub/parse/job-id.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { groupFor, launchRoleOf } from '../../domain/launch/index.js';
import { lensPercent, lensStatus, type LensCounts } from '../../domain/submissions/lens-status.js';
import { setupOnly } from '../launch/host-session.js';
import type { StageLaunchConfig } from '../launch/launch-config.js';
import { loadLaunchConfig } from '../launch/load-launch-config.js';
import { applyJobCounts, jobCountColumns } from './apply-job-counts.js';
import type { TrackingDeps } from './tracking-deps.js';

// The poller's fallback while Lens is down (external-apis.md 1.6; the original's condor_q scraper):
// the job states of an experiment's unfinished submissions read with `jobsub_q --long` on their
// launch hosts, one call per launch host and schedd, and mapped to a status by the same rule as
// Lens counts. jobsub_q cannot tell a job that left the queue completed from one that failed: jobs
// gone from the queue count as completed (as jobsub_lite assumes), and a submission with nothing
// left in the queue is done. Each change is marked as coming from jobsub_q.

const FOLLOWED = ['New', 'Idle', 'Running', 'Held'];
const DAGMAN_UNIVERSE = 7;

interface Batch {
  cfg: StageLaunchConfig;
  schedd: string;
  /** Analysis jobs are asked for in their launcher's account, with their launcher's credentials. */
  account: string;
  launcher: string | null;
  subs: Map<number, Set<number>>;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Counts of the jobs (not the DAGMan job) of one submission, and whether anything is queued. */
function countAds(ads: ClassAd[]): { counts: LensCounts; present: boolean } {
  const c: LensCounts = { running: 0, idle: 0, held: 0, completed: 0, failed: 0, cancelled: 0, done: false };
  for (const ad of ads) {
    if (num(ad.JobUniverse) === DAGMAN_UNIVERSE) continue;
    const st = num(ad.JobStatus);
    if (st === 2 || st === 6) c.running++;
    else if (st === 3) c.cancelled++;
    else if (st === 4 && num(ad.ExitCode)) c.failed++;
    else if (st === 4) c.completed++;
    else if (st === 5 || st === 7) c.held++;
    else c.idle++;
  }
  return { counts: c, present: ads.length > 0 };
}

/** One fallback pass over an experiment; answers what a Lens pass answers. */
export async function pollByJobsubQ(
  deps: TrackingDeps,
  experiment: string,
  lensFailingSince: Date,
  signal?: AbortSignal,
): Promise<{ seen: number; changed: number; unanswered: number }> {
  const jobsub = deps.jobsub!;
  const subs: Array<SubmissionRow & { launcher_name: string | null }> = await deps
    .db('submissions as s')
    .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
    .where('s.experiment', experiment)
    .whereIn('s.status', FOLLOWED)
    .whereNotNull('s.jobsub_job_id')
    .select('s.*', 'x.username as launcher_name');
  const configs = new Map<number, StageLaunchConfig | null>();
  const batches = new Map<string, Batch>();
  for (const s of subs) {
    if (!configs.has(s.stage_id))
      configs.set(s.stage_id, await loadLaunchConfig(deps.db, s.stage_id).catch(() => null));
    const cfg = configs.get(s.stage_id);
    if (!cfg) continue;
    for (const id of s.jobsub_cluster_ids.length ? s.jobsub_cluster_ids : [s.jobsub_job_id!]) {
      const p = parseJobId(id);
      if (!p) continue;
      const own = launchRoleOf(cfg.stage.creatorRole) === 'analysis';
      const account = (own && s.launch_account) || cfg.loginSetup.account;
      const launcher = own ? s.launcher_name : null;
      const key = JSON.stringify([cfg.loginSetup.id, p.schedd, account, launcher]);
      const b = batches.get(key) ?? { cfg, schedd: p.schedd, account, launcher, subs: new Map() };
      b.subs.set(s.submission_id, (b.subs.get(s.submission_id) ?? new Set()).add(p.cluster));
      batches.set(key, b);
    }
  }

  const ads = new Map<number, ClassAd[]>();
  const unanswered = new Set<number>();
  for (const b of batches.values()) {
    const terms = [...b.subs].flatMap(([sid, clusters]) => [
      `POMS4_SUBMISSION_ID =?= ${sid}`,
      ...[...clusters].flatMap((c) => [`ClusterId == ${c}`, `DAGManJobId =?= ${c}`]),
    ]);
    let found: ClassAd[];
    try {
      const session = await (deps.sessionFor ?? setupOnly)({
        experiment,
        creatorRole: b.cfg.stage.creatorRole,
        username: b.launcher,
        setup: b.cfg.loginSetup.setup,
      });
      found = await jobsub.queueAds(
        {
          group: groupFor(experiment),
          role: b.cfg.stage.voRole,
          schedd: b.schedd,
          constraint: terms.join(' || '),
        },
        { host: b.cfg.loginSetup.host, port: b.cfg.loginSetup.port, account: b.account },
        session,
      );
    } catch (e) {
      deps.log.warn({ err: e, experiment, schedd: b.schedd }, 'jobsub_q fallback: no answer');
      for (const sid of b.subs.keys()) unanswered.add(sid);
      continue;
    }
    for (const [sid, clusters] of b.subs) {
      const mine = found.filter((ad) => {
        const owner = num(ad.POMS4_SUBMISSION_ID) ?? num(ad.POMS_TASK_ID);
        if (owner !== undefined) return owner === sid;
        return clusters.has(num(ad.DAGManJobId) ?? -1) || clusters.has(num(ad.ClusterId) ?? -1);
      });
      ads.set(sid, [...(ads.get(sid) ?? []), ...mine]);
    }
  }

  let changed = 0;
  const reason = `from jobsub_q: Lens failing since ${lensFailingSince.toISOString()}`;
  for (const s of subs) {
    if (!configs.get(s.stage_id) || unanswered.has(s.submission_id)) continue;
    signal?.throwIfAborted();
    const { counts, present } = countAds(ads.get(s.submission_id) ?? []);
    const visible =
      counts.running + counts.idle + counts.held + counts.completed + counts.failed + counts.cancelled;
    counts.completed += Math.max(0, (s.jobs_max_seen ?? 0) - visible);
    counts.done = !present;
    const { pct, maxSeen } = lensPercent(counts, s.jobs_max_seen);
    const extra = jobCountColumns(counts, { total: visible, maxSeen, pct, via: 'jobsub_q' });
    if (await applyJobCounts(deps.db, s, { status: lensStatus(counts), pct, extra, reason })) changed++;
  }
  return { seen: subs.length, changed, unanswered: unanswered.size };
}
