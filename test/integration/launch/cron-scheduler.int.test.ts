import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LocalShell } from '../../../src/adapters/ssh/local-shell.js';
import { emptySplitSam } from '../../../src/services/fife-adapters.js';
import { createDb } from '../../../src/db/create-db.js';
import { checkCronExpression } from '../../../src/domain/launch/cron-expression.js';
import { CronScheduler } from '../../../src/services/launch/cron-scheduler.js';
import { LaunchRunner } from '../../../src/services/launch/launch-runner.js';
import { launchService } from '../../../src/services/launch/launch-service.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const log = pino({ level: 'silent' });
describe('scheduled launches', () => {
  let t: TestDb;
  let launcher: string;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    launcher = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poms-cron-')), 'fake_launch');
    fs.writeFileSync(launcher, '#!/bin/sh\necho "Use job id 7.0@sim-schedd01.example to retrieve output"\n', {
      mode: 0o755,
    });
  });
  afterAll(async () => t?.destroy());

  it('validates schedules with a message naming the field', () => {
    expect(checkCronExpression(' */5  * * * * ')).toBe('*/5 * * * *');
    expect(() => checkCronExpression('61 * * * *')).toThrow(
      'the schedule "61 * * * *" is not valid: minute "61"',
    );
    expect(() => checkCronExpression('every hour')).toThrow(/needs 5 fields/);
  });

  it(
    'launches each tick exactly once with two app processes on one database',
    { timeout: 120_000 },
    async () => {
      if (inject('db').kind === 'pglite') return; // needs real concurrent connections
      const f = await makeStage(t.db, { launchScript: launcher });
      await t
        .db('stages')
        .where({ stage_id: f.stage.stage_id })
        .update({ cron_schedule: '*/3 * * * * *', schedule_experimenter_id: f.creatorId });
      const processes = ['host-a:1', 'host-b:2'].map((name) => {
        const db = createDb({ url: t.url! });
        const runner = new LaunchRunner(db, new LocalShell(), log, {
          maxConcurrent: 2,
          timeoutMs: 20_000,
          flushMs: 50,
        });
        const launches = launchService({ db, runner, splitSamFor: () => emptySplitSam });
        return { db, runner, scheduler: new CronScheduler(db, launches, log, name, 1000) };
      });
      await Promise.all(processes.map((p) => p.scheduler.start()));
      await new Promise((r) => setTimeout(r, 60_000));
      for (const p of processes) {
        await p.scheduler.stop();
        await p.runner.idle();
        await p.db.destroy();
      }
      const ticks = await t
        .db('scheduled_ticks')
        .where({ stage_id: f.stage.stage_id })
        .orderBy('tick_at')
        .select('tick_at', 'runner', 'outcome');
      const subs = await t
        .db('submissions')
        .where({ stage_id: f.stage.stage_id })
        .select('submission_id', 'idempotency_key', 'launch_kind');
      expect(ticks.length).toBeGreaterThanOrEqual(18); // every 3 s for a minute: 20, allowing start/stop edges
      expect(subs).toHaveLength(ticks.length);
      expect(new Set(subs.map((s) => s.idempotency_key)).size).toBe(subs.length);
      expect(subs.every((s) => s.launch_kind === 'scheduled')).toBe(true);
      for (const tick of ticks) expect(tick.outcome).toMatch(/^launched \d+$/);
      // Ticks are 3 s apart with none missing or doubled.
      const gaps = ticks
        .slice(1)
        .map((x, i) => new Date(x.tick_at).getTime() - new Date(ticks[i].tick_at).getTime());
      expect(gaps.every((g) => g === 3000)).toBe(true);
    },
  );

  it('clears the schedule when the splits run out (default_clear_cronjob)', async () => {
    const f = await makeStage(t.db, { launchScript: launcher, splitType: 'list', dataset: 'only' });
    await t
      .db('stages')
      .where({ stage_id: f.stage.stage_id })
      .update({ cron_schedule: '0 * * * *', split_cursor: 1 });
    const runner = new LaunchRunner(t.db, new LocalShell(), log, { maxConcurrent: 1, timeoutMs: 20_000 });
    const s = new CronScheduler(
      t.db,
      launchService({ db: t.db, runner, splitSamFor: () => emptySplitSam }),
      log,
      'x:1',
    );
    const outcome = await s.tick(f.stage.stage_id, new Date('2026-01-01T10:00:00Z'));
    expect(outcome).toMatch(/^failed: No more splits for stage reco/);
    expect((await t.db('stages').where({ stage_id: f.stage.stage_id }).first()).cron_schedule).toBeNull();
  });
});
