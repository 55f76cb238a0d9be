import cron, { type ScheduledTask } from 'node-cron';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { identityService } from '../identity-service.js';
import { authorize } from '../user-context.js';
import type { LaunchService } from './launch-service.js';

interface Scheduled {
  expr: string;
  task: ScheduledTask;
}

/**
 * Runs each stage's launch schedule. Every app process keeps node-cron tasks for the schedules in
 * the database (re-read every `syncMs`); when a tick fires, the process that inserts the
 * (stage, tick time) row in scheduled_ticks launches, every other one skips it — so a tick
 * launches exactly once however many processes share the database.
 */
export class CronScheduler {
  private readonly tasks = new Map<number, Scheduled>();
  private syncTimer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Knex,
    private readonly launches: LaunchService,
    private readonly log: Logger,
    private readonly runner: string,
    private readonly syncMs = 10_000,
    /** Schedules are read in this time zone (config [loops] cron_timezone), never the host's. */
    private readonly timezone = 'UTC',
  ) {}

  async start(): Promise<void> {
    await this.sync();
    this.syncTimer = setInterval(
      () => void this.sync().catch((e) => this.log.warn({ err: e }, 'schedule sync failed')),
      this.syncMs,
    );
    this.syncTimer.unref?.();
  }

  /** Creates, replaces and removes tasks to match the schedules stored on stages. */
  async sync(): Promise<void> {
    const rows: Array<{ stage_id: number; cron_schedule: string }> = await this.db('stages')
      .whereNotNull('cron_schedule')
      .whereNotNull('campaign_id')
      .select('stage_id', 'cron_schedule');
    const wanted = new Map(rows.map((r) => [r.stage_id, r.cron_schedule]));
    for (const [id, s] of this.tasks)
      if (wanted.get(id) !== s.expr) {
        await s.task.destroy();
        this.tasks.delete(id);
      }
    for (const [id, expr] of wanted) {
      if (this.tasks.has(id) || !cron.validate(expr)) continue;
      const task = cron.schedule(expr, (ctx) => this.track(this.tick(id, ctx.date)), {
        name: `stage-${id}`,
        noOverlap: false,
        timezone: this.timezone,
      });
      this.tasks.set(id, { expr, task });
    }
  }

  /**
   * Fires every schedule due at `at` (the minute, or second for six-field schedules, in the
   * configured time zone) as its node-cron task would. Each tick is still claimed once per (stage,
   * tick time), so replaying a tick missed during an outage, or the same tick from several
   * processes, launches it exactly once; the others answer `skipped`.
   */
  async runDue(at: Date): Promise<Array<{ stage_id: number; outcome: string }>> {
    const rows: Array<{ stage_id: number; cron_schedule: string }> = await this.db('stages')
      .whereNotNull('cron_schedule')
      .whereNotNull('campaign_id')
      .orderBy('stage_id')
      .select('stage_id', 'cron_schedule');
    const out: Array<{ stage_id: number; outcome: string }> = [];
    for (const r of rows) {
      if (!cron.validate(r.cron_schedule)) continue;
      const probe = cron.createTask(r.cron_schedule, () => undefined, { timezone: this.timezone });
      const due = probe.match(at);
      await probe.destroy();
      if (due) out.push({ stage_id: r.stage_id, outcome: await this.tick(r.stage_id, at) });
    }
    return out;
  }

  private track(p: Promise<unknown>) {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** One tick: claim it, then launch as the person who set the schedule. */
  async tick(stageId: number, date: Date): Promise<'launched' | 'skipped' | string> {
    const tickAt = new Date(Math.floor(date.getTime() / 1000) * 1000);
    const claimed = await this.db('scheduled_ticks')
      .insert({ stage_id: stageId, tick_at: tickAt, runner: this.runner })
      .onConflict(['stage_id', 'tick_at'])
      .ignore()
      .returning('stage_id');
    if (!claimed.length) return 'skipped';
    const s = await this.db('stages as s')
      .leftJoin(
        'experimenters as x',
        'x.experimenter_id',
        this.db.raw('coalesce(s.schedule_experimenter_id, s.creator)'),
      )
      .leftJoin('experimenters as o', 'o.experimenter_id', 's.creator')
      .where('s.stage_id', stageId)
      .first('x.experimenter_id', 'x.username', 's.experiment', 's.creator_role', 'o.username as owner');
    let outcome: string;
    try {
      // The scheduler's rights are read again at each tick: a membership removed or lowered since
      // the schedule was set stops it.
      const who = s?.username
        ? await identityService(this.db).loadUser(s.username, { experiment: s.experiment, role: 'superuser' })
        : null;
      if (!who) throw new Error('the schedule has no person to launch as');
      authorize(who, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });
      const r = await this.launches.launch({
        stageId,
        launcherId: s?.experimenter_id ?? 0,
        launcherName: s?.username ?? 'poms',
        kind: 'scheduled',
        idempotencyKey: `cron:${stageId}:${tickAt.toISOString()}`,
      });
      outcome = r.kind === 'held' ? 'held' : `launched ${r.submissionId}`;
    } catch (e) {
      outcome = `failed: ${(e as Error).message}`;
    }
    await this.db('scheduled_ticks').where({ stage_id: stageId, tick_at: tickAt }).update({ outcome });
    return outcome;
  }

  async stop(): Promise<void> {
    clearInterval(this.syncTimer);
    for (const s of this.tasks.values()) await s.task.destroy();
    this.tasks.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
