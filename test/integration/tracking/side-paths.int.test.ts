import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { SUBMISSION_STATUSES } from '../../../src/domain/submissions/status-machine.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// The lifecycle order a submission may only move forward in (Held and Running alternate freely).
const RANK: Record<string, number> = { New: 0, Idle: 1, Running: 1, Held: 1, Completed: 2, Located: 3 };

describe('tracking side paths', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const db = () => h!.testDb.db;
  const sub = async (id: number) =>
    (await db()<SubmissionRow>('submissions').where({ submission_id: id }).first())!;
  const stageId = async (name: string) =>
    (
      await db()('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': 'demo', 's.name': name })
        .first('s.stage_id')
    ).stage_id as number;
  async function step(ms = 30_000) {
    h!.sim.clock.advance(ms);
    await h!.services.runner.idle();
    const poll = await pollLens(h!.services.tracking!).then(
      () => 'ok',
      (e: Error) => e.message,
    );
    const wrap = await wrapUp(h!.services.tracking!).then(
      () => 'ok',
      (e: Error) => e.message,
    );
    await h!.services.runner.idle();
    return { poll, wrap };
  }

  it(
    'holds and releases jobs of a submission, then kills it: Removed stays Removed',
    { timeout: 300_000 },
    async () => {
      h = await startSimHarness(11);
      const producer = await h.user('producer');
      const out = await h.services.launchActions.launch(producer, await stageId('reco'), {}, 'samdev');
      const id = (out as { submissionId: number }).submissionId;
      await h.services.runner.idle();
      for (let i = 0; i < 40 && !['Running'].includes((await sub(id)).status); i++) await step(10_000);
      expect((await sub(id)).status).toBe('Running');

      const held = await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id }, 'hold');
      expect(held.output).toMatch(/held/);
      expect(held.output).toContain(`POMS4_SUBMISSION_ID==${id}`);
      await step(1000);
      expect((await sub(id)).status).toBe('Held');
      expect((await sub(id)).jobs_held).toBeGreaterThan(0);

      const released = await h.services.jobs.control(
        producer,
        'samdev',
        { kind: 'submission', id },
        'release',
      );
      expect(released.output).toMatch(/released/);
      // The held count goes at once, not at the next poll.
      expect((await sub(id)).jobs_held).toBe(0);
      await step(1000);
      expect(['Idle', 'Running']).toContain((await sub(id)).status);

      const killed = await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id }, 'kill');
      expect(killed.changed).toEqual([id]);
      expect((await sub(id)).status).toBe('Removed');
      for (let i = 0; i < 5; i++) await step(60_000);
      const history = (await db()('submission_history')
        .where({ submission_id: id })
        .orderBy('history_id')
        .pluck('status')) as string[];
      expect(history.at(-1)).toBe('Removed');
      expect(history.filter((s) => s === 'Removed')).toHaveLength(1);
      expect(
        await db()('audit_log')
          .where({ object_kind: 'submission', object_id: String(id) })
          .pluck('action'),
      ).toContain('submission.status');
    },
  );

  it(
    'rides out Lens and SAM outages without regressing, and completes once they return',
    { timeout: 400_000 },
    async () => {
      h = await startSimHarness(13);
      const producer = await h.user('producer');
      await h.services.launchActions.launch(producer, await stageId('reco'), {}, 'samdev');
      await h.services.runner.idle();
      const seen = new Map<number, string[]>();
      const record = async () => {
        for (const s of await db()<SubmissionRow>('submissions'))
          seen.set(s.submission_id, [...(seen.get(s.submission_id) ?? []), s.status]);
      };
      for (let i = 0; i < 6; i++) {
        await step(20_000);
        await record();
      }
      h.sim.world.faults.patch({ lens: { outage: 'garbage' }, sam: { outage: '5xx' } });
      const during = [];
      for (let i = 0; i < 3; i++) {
        during.push(await step(60_000));
        await record();
      }
      expect(during.every((d) => d.poll !== 'ok')).toBe(true); // Lens answered garbage: the pass failed, nothing written
      h.sim.world.faults.patch({ lens: { outage: 'off' }, sam: { outage: 'off' } });
      const ana = await stageId('ana');
      for (let i = 0; i < 600; i++) {
        const subs = await db()<SubmissionRow>('submissions');
        if (subs.some((s) => s.stage_id === ana && s.status === 'Located')) break;
        await step();
        await record();
      }
      const subs = await db()<SubmissionRow>('submissions').orderBy('submission_id');
      expect(subs.map((s) => s.status)).toEqual(['Located', 'Located', 'Located']);
      for (const [, statuses] of seen) {
        for (const s of statuses) expect(SUBMISSION_STATUSES).toContain(s);
        const ranks = statuses.map((s) => RANK[s]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b)); // never backwards
      }
    },
  );
});
