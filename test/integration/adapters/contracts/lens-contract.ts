import { describe, expect, it } from 'vitest';
import type { Lens } from '../../../../src/adapters/lens/index.js';

export interface LensContractEnv {
  lens: Lens;
  /** Lens group of the experiment the launched submission belongs to. */
  group: string;
  /** A submission Lens knows, with jobs: its jobsub id (`C.0@schedd`), POMS id and SAM project. */
  known: { jobId: string; taskId: number; project: string | null };
  /** The world's current time (Lens windows are in it). */
  now(): Date;
}

/** What every Lens promises (lens.ts). `make` is called in each test, after the suite's hooks. */
export function describeLensContract(name: string, make: () => LensContractEnv): void {
  describe(`Lens contract: ${name}`, () => {
    it('lists recent submissions of the group, the known one among them', async () => {
      const { lens, group, known, now } = make();
      const list = await lens.recentSubmissions(group);
      expect(list.find((s) => s.id === known.jobId)).toMatchObject({ pomsTaskID: known.taskId });
      const recent = await lens.recentSubmissions(group, { from: new Date(now().getTime() - 86_400_000) });
      expect(recent.map((s) => s.id)).toContain(known.jobId);
      const later = await lens.recentSubmissions(group, { from: new Date(now().getTime() + 86_400_000) });
      expect(later.find((s) => s.id === known.jobId)).toBeUndefined();
    });

    it('finds one submission by jobsub id and by POMS id, with consistent counts', async () => {
      const { lens, known } = make();
      const byJob = await lens.submission({ jobId: known.jobId });
      const byTask = await lens.submission({ taskId: known.taskId });
      expect(byJob).toMatchObject({ id: known.jobId, pomsTaskID: known.taskId });
      expect(byTask).toEqual(byJob);
      const e = byJob!;
      const total = e.idle + e.running + e.held + e.completed + e.failed + e.cancelled;
      expect(total).toBeGreaterThan(0);
    });

    it('answers null for submissions it does not know', async () => {
      const { lens } = make();
      expect(await lens.submission({ taskId: 987_654_321 })).toBeNull();
      expect(await lens.submission({ jobId: '1.0@no-such-schedd.example' })).toBeNull();
      expect(await lens.submissionProject({ taskId: 987_654_321 })).toBeNull();
    });

    it('names the SAM project of a submission', async () => {
      const { lens, known } = make();
      expect(await lens.submissionProject({ jobId: known.jobId })).toMatchObject({ project: known.project });
    });

    it('answers a batch item by item, unknown keys with their own error', async () => {
      const { lens, known } = make();
      const items = await lens.submissions([
        { jobId: known.jobId },
        { taskId: 987_654_321 },
        { taskId: known.taskId },
      ]);
      expect(items.map((i) => i.entry?.id ?? null)).toEqual([known.jobId, null, known.jobId]);
      expect(items[1].error?.kind).toBe('not_found');
      expect(await lens.submissions([])).toEqual([]);
    });

    it('is healthy', async () => {
      const { lens } = make();
      expect(await lens.health()).toMatchObject({ ok: true });
    });
  });
}
