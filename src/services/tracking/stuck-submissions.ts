import type { HostSession } from '../../adapters/jobsub/jobsub.js';
import type { ShellTarget } from '../../adapters/ssh/remote-shell.js';
import { condorLogJobs, parseCondorUserLog, type CondorLogEvent } from '../../adapters/jobsub/parse/index.js';
import { loopStore } from '../../db/stores/loop-store.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { groupFor } from '../../domain/launch/index.js';
import { setupOnly } from '../launch/host-session.js';
import { loadLaunchConfig } from '../launch/load-launch-config.js';
import { changeStatus } from '../submissions/submission-status-service.js';
import type { TrackingDeps } from './tracking-deps.js';

// The half of the original's mark_failed_submissions (external-apis.md 1.8) that needs the batch
// system: a submission still New after launchFailedAfterMs although its jobsub id is known was
// never reported by Lens. Its condor user log decides: every job terminated ⇒ Completed;
// otherwise it is left alone (its jobs may still come back, or a person decides).

/** loop_state row remembering when each submission was last checked (not a registered loop). */
const STATE = 'stuck-submissions';
/** A submission whose log did not settle it is fetched again at most this often. */
const RECHECK_MS = 3_600_000;
/** One log fetch may hold up the Lens pass it runs in by at most this long. */
const FETCH_TIMEOUT_MS = 60_000;
/** Like the original, only submissions of the last 7 days are considered. */
const LOOKBACK_MS = 7 * 86_400_000;

export interface StuckCheck {
  checked: number;
  completed: number;
  /** Logs fetched, but not every job terminated. */
  leftAlone: number;
  /** Logs could not be fetched. */
  failed: number;
}

/**
 * Where and how to run jobsub for a submission: its login setup as launched (else the stage's), in
 * the account it launched under, with the session a launch of its stage gets (site profile and
 * credentials, those of its launcher for an analysis stage).
 */
export async function launchHostOf(
  deps: Pick<TrackingDeps, 'db' | 'sessionFor'>,
  sub: SubmissionRow,
): Promise<{ at: ShellTarget; session: HostSession; role?: string }> {
  const snap = async (table: string, id: number | null) =>
    id ? ((await deps.db(table).where({ snapshot_id: id }).first('content'))?.content ?? null) : null;
  const login = (await snap('login_setup_snapshots', sub.login_setup_snapshot_id)) as {
    host?: string;
    port?: number;
    account?: string;
    setup?: string;
  } | null;
  const stage = (await snap('stage_snapshots', sub.stage_snapshot_id)) as {
    voRole?: string;
    creatorRole?: string;
  } | null;
  const launcher = sub.creator
    ? ((await deps.db('experimenters').where({ experimenter_id: sub.creator }).first('username'))?.username ??
      null)
    : null;
  let host: { at: ShellTarget; setup: string; role?: string; creatorRole: string };
  if (login?.host && login.account)
    host = {
      at: { host: login.host, port: login.port, account: sub.launch_account ?? login.account },
      setup: login.setup ?? '',
      role: stage?.voRole,
      creatorRole: stage?.creatorRole ?? 'production',
    };
  else {
    const cfg = await loadLaunchConfig(deps.db, sub.stage_id);
    const l = cfg.loginSetup;
    host = {
      at: { host: l.host, port: l.port, account: sub.launch_account ?? l.account },
      setup: l.setup,
      role: cfg.stage.voRole,
      creatorRole: cfg.stage.creatorRole,
    };
  }
  const session = await (deps.sessionFor ?? setupOnly)({
    experiment: sub.experiment,
    creatorRole: host.creatorRole,
    username: launcher,
    setup: host.setup,
  });
  return { at: host.at, session, role: host.role };
}

/** The user-log events of every cluster of the submission (all `*.log` files of each bundle). */
async function fetchEvents(deps: TrackingDeps, sub: SubmissionRow, now: Date): Promise<CondorLogEvent[]> {
  const { at, session, role } = await launchHostOf(deps, sub);
  const ids = sub.jobsub_cluster_ids.length ? sub.jobsub_cluster_ids : [sub.jobsub_job_id!];
  const events: CondorLogEvent[] = [];
  for (const id of ids) {
    const files = await deps.jobsub!.fetchLogs(id, { group: groupFor(sub.experiment), role }, at, session, {
      timeoutMs: FETCH_TIMEOUT_MS,
    });
    for (const f of files.filter((x) => x.name.endsWith('.log')))
      events.push(...parseCondorUserLog(f.content.toString('utf8'), { now }));
  }
  return events;
}

/**
 * Checks the New submissions with a jobsub id older than launchFailedAfterMs (each at most hourly):
 * fetches their logs through Jobsub and completes those whose every job has a terminate event.
 * A fetch failure is logged and changes nothing.
 */
export async function completeStuckSubmissions(
  deps: TrackingDeps,
  signal?: AbortSignal,
): Promise<StuckCheck> {
  const out: StuckCheck = { checked: 0, completed: 0, leftAlone: 0, failed: 0 };
  if (!deps.jobsub) return out;
  const now = (deps.now ?? (() => new Date()))();
  const subs: SubmissionRow[] = await deps
    .db('submissions')
    .where({ status: 'New' })
    .whereNotNull('jobsub_job_id')
    .andWhere('created_at', '<', new Date(now.getTime() - deps.launchFailedAfterMs))
    .andWhere('created_at', '>', new Date(now.getTime() - LOOKBACK_MS))
    .orderBy('submission_id');
  const loops = loopStore(deps.db);
  const last = ((await loops.state(STATE))?.state ?? {}) as Record<string, string>;
  const next: Record<string, string> = {};
  for (const s of subs) {
    const key = String(s.submission_id);
    const at = last[key] ? Date.parse(last[key]) : NaN;
    if (now.getTime() - at < RECHECK_MS) {
      next[key] = last[key];
      continue;
    }
    next[key] = now.toISOString();
    out.checked++;
    const where = { submission: s.submission_id, jobsubJobId: s.jobsub_job_id };
    let events: CondorLogEvent[];
    try {
      events = await fetchEvents(deps, s, now);
    } catch (e) {
      out.failed++;
      deps.log.warn({ ...where, err: (e as Error).message }, 'stuck submission: job logs not fetched');
      continue;
    }
    const jobs = condorLogJobs(events);
    const open = jobs.filter((j) => !j.terminated);
    if (jobs.length === 0 || open.length > 0) {
      out.leftAlone++;
      const reason =
        jobs.length === 0
          ? 'the condor user log has no job events'
          : `${open.length} of ${jobs.length} job(s) have no terminate event in the condor user log (${open
              .slice(0, 5)
              .map((j) => j.job)
              .join(', ')}${open.length > 5 ? ', …' : ''})`;
      deps.log.info({ ...where, reason }, 'stuck submission left New');
      continue;
    }
    signal?.throwIfAborted();
    const r = await changeStatus(deps.db, s.submission_id, {
      requested: 'Completed',
      actor: 'system',
      reason: `condor user log of ${s.jobsub_job_id}: all ${jobs.length} job(s) terminated, though Lens never reported the submission`,
    });
    if (r.after === 'Completed' && r.before !== 'Completed') out.completed++;
  }
  signal?.throwIfAborted();
  if (subs.length || Object.keys(last).length) await loops.saveState(STATE, next);
  return out;
}
