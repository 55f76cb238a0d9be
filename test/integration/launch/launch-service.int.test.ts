import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShell } from '../../../src/adapters/ssh/local-shell.js';
import { emptySplitSam } from '../../../src/services/fife-adapters.js';
import { LaunchRunner } from '../../../src/services/launch/launch-runner.js';
import { launchService, type LaunchService } from '../../../src/services/launch/launch-service.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

// A launch script standing in for fife_launch: prints what jobsub_submit prints, or fails.
const FAKE_LAUNCHER = `#!/bin/sh
if [ "$1" = "--fail" ]; then echo "Error: condor_submit exited with failed status code 1"; exit 1; fi
echo "args: $*"
echo "POMS4_SUBMISSION_ID=$POMS4_SUBMISSION_ID POMS4_CAMPAIGN_STAGE_NAME=$POMS4_CAMPAIGN_STAGE_NAME"
echo "10 job(s) submitted to cluster 5001."
echo
echo "Use job id 5001.0@sim-schedd01.example to retrieve output"
`;

describe('launch service', () => {
  let t: TestDb;
  let runner: LaunchRunner;
  let svc: LaunchService;
  let launcher: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-launch-'));
    launcher = path.join(dir, 'fake_launch');
    fs.writeFileSync(launcher, FAKE_LAUNCHER, { mode: 0o755 });
    runner = new LaunchRunner(t.db, new LocalShell(), pino({ level: 'silent' }), {
      maxConcurrent: 2,
      timeoutMs: 30_000,
      flushMs: 20,
    });
    svc = launchService({ db: t.db, runner, splitSamFor: () => emptySplitSam });
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.destroy();
  });

  const producer = async () =>
    (await t.db('experimenters').where({ username: 'producer' }).first()).experimenter_id as number;

  it('creates the submission with history, snapshots and command, runs it and records the job id and log', async () => {
    const f = await makeStage(t.db, {
      launchScript: launcher,
      parameters: [
        ['--dataset=', '%(dataset)s'],
        ['--stage ', 'reco'],
      ],
    });
    const out = await svc.launch({
      stageId: f.stage.stage_id,
      launcherId: await producer(),
      launcherName: 'producer',
      kind: 'manual',
    });
    expect(out).toMatchObject({ kind: 'launched', dataset: 'demo_raw', duplicate: false });
    if (out.kind !== 'launched') throw new Error('not launched');
    expect(out.command).toBe(`${launcher} --dataset=demo_raw --stage reco`);
    await runner.idle();
    const sub = await t.db('submissions').where({ submission_id: out.submissionId }).first();
    expect(sub).toMatchObject({
      status: 'New',
      jobsub_job_id: '5001@sim-schedd01.example',
      jobsub_cluster_ids: ['5001@sim-schedd01.example'],
      launch_exit_code: 0,
      dataset: 'demo_raw',
    });
    expect(sub.stage_snapshot_id && sub.job_type_snapshot_id && sub.login_setup_snapshot_id).toBeTruthy();
    const history = await t
      .db('submission_history')
      .where({ submission_id: out.submissionId })
      .pluck('status');
    expect(history).toEqual(['New']);
    const log = (
      await t
        .db('launch_log_chunks')
        .where({ submission_id: out.submissionId })
        .orderBy('chunk_id')
        .pluck('text')
    ).join('');
    expect(log).toMatch(/== process_id: \d+ ==/);
    expect(log).toContain(`POMS4_SUBMISSION_ID=${out.submissionId} POMS4_CAMPAIGN_STAGE_NAME=reco`);
    expect(log).toMatch(/== completed: \d+ ==/);
  });

  it('reuses identical snapshots and makes new ones when the configuration changes', async () => {
    const f = await makeStage(t.db, { launchScript: launcher });
    const me = await producer();
    const a = await svc.launch({
      stageId: f.stage.stage_id,
      launcherId: me,
      launcherName: 'producer',
      kind: 'manual',
    });
    const b = await svc.launch({
      stageId: f.stage.stage_id,
      launcherId: me,
      launcherName: 'producer',
      kind: 'manual',
    });
    await t.db('stages').where({ stage_id: f.stage.stage_id }).update({ software_version: 'v2' });
    const c = await svc.launch({
      stageId: f.stage.stage_id,
      launcherId: me,
      launcherName: 'producer',
      kind: 'manual',
    });
    await runner.idle();
    const snaps = await t
      .db('submissions')
      .whereIn(
        'submission_id',
        [a, b, c].map((o) => (o as { submissionId: number }).submissionId),
      )
      .orderBy('submission_id')
      .pluck('stage_snapshot_id');
    expect(snaps[0]).toBe(snaps[1]);
    expect(snaps[2]).not.toBe(snaps[1]);
  });

  it('makes one submission for a request retried with the same idempotency key, even concurrently', async () => {
    const f = await makeStage(t.db, { launchScript: launcher });
    const me = await producer();
    const req = {
      stageId: f.stage.stage_id,
      launcherId: me,
      launcherName: 'producer',
      kind: 'manual' as const,
      idempotencyKey: 'click-123456',
    };
    const results = await Promise.all([svc.launch(req), svc.launch(req), svc.launch(req)]);
    await runner.idle();
    const ids = new Set(results.map((r) => (r as { submissionId: number }).submissionId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
    expect(await t.db('submissions').where({ stage_id: f.stage.stage_id }).count({ n: '*' }).first()).toEqual(
      { n: 1 },
    );
  });

  it('marks a launch that prints no job id LaunchFailed with the reason from the log', async () => {
    const f = await makeStage(t.db, { launchScript: launcher, parameters: [['--fail', '']] });
    const out = await svc.launch({
      stageId: f.stage.stage_id,
      launcherId: await producer(),
      launcherName: 'producer',
      kind: 'manual',
    });
    await runner.idle();
    const sub = await t
      .db('submissions')
      .where({ submission_id: (out as { submissionId: number }).submissionId })
      .first();
    expect(sub.status).toBe('LaunchFailed');
    expect(sub.launch_error).toBe('Error: condor_submit exited with failed status code 1');
    const h = await t
      .db('submission_history')
      .where({ submission_id: sub.submission_id })
      .orderBy('history_id')
      .select('status', 'actor_kind', 'reason');
    expect(h).toEqual([
      { status: 'New', actor_kind: 'person', reason: null },
      {
        status: 'LaunchFailed',
        actor_kind: 'system',
        reason: 'Error: condor_submit exited with failed status code 1',
      },
    ]);
  });

  it('queues the launch of a held stage instead of launching', async () => {
    const f = await makeStage(t.db, { launchScript: launcher });
    const me = await producer();
    await t.db('stages').where({ stage_id: f.stage.stage_id }).update({ hold_experimenter_id: me });
    const out = await svc.launch({
      stageId: f.stage.stage_id,
      launcherId: me,
      launcherName: 'producer',
      kind: 'scheduled',
    });
    expect(out.kind).toBe('held');
    expect(await t.db('submissions').where({ stage_id: f.stage.stage_id }).count({ n: '*' }).first()).toEqual(
      { n: 0 },
    );
    expect(await t.db('held_launches').where({ stage_id: f.stage.stage_id }).pluck('launch_kind')).toEqual([
      'scheduled',
    ]);
  });

  it('puts an approval stage in Awaiting Approval without touching the launch host', async () => {
    const f = await makeStage(t.db, { launchScript: '/nonexistent/launcher', stageType: 'approval' });
    const out = await svc.launch({
      stageId: f.stage.stage_id,
      launcherId: await producer(),
      launcherName: 'producer',
      kind: 'manual',
    });
    expect(out.kind).toBe('awaiting_approval');
    await runner.idle();
    const sub = await t.db('submissions').where({ stage_id: f.stage.stage_id }).first();
    expect(sub.status).toBe('Awaiting Approval');
    expect(sub.launch_started_at).toBeNull();
  });

  it('previews the exact command and dataset without writing anything', async () => {
    const f = await makeStage(t.db, { launchScript: launcher, splitType: 'list', dataset: 'a,b,c' });
    const before = await Promise.all(
      ['submissions', 'submission_history', 'stage_snapshots', 'held_launches'].map((x) =>
        t.db(x).count({ n: '*' }).first(),
      ),
    );
    const p = await svc.preview(f.stage.stage_id, { launcher: 'producer' });
    expect(p).toMatchObject({ exhausted: false, dataset: 'a', command: `${launcher} -Oglobal.dataset=a` });
    const after = await Promise.all(
      ['submissions', 'submission_history', 'stage_snapshots', 'held_launches'].map((x) =>
        t.db(x).count({ n: '*' }).first(),
      ),
    );
    expect(after).toEqual(before);
    expect((await t.db('stages').where({ stage_id: f.stage.stage_id }).first()).split_cursor).toBeNull();
  });

  it('advances the split cursor with each launch and refuses when the splits are exhausted', async () => {
    const f = await makeStage(t.db, { launchScript: launcher, splitType: 'list', dataset: 'a,b' });
    const me = await producer();
    const req = {
      stageId: f.stage.stage_id,
      launcherId: me,
      launcherName: 'producer',
      kind: 'manual' as const,
    };
    expect(
      (await svc.launch(req)).kind === 'launched' &&
        (await t.db('stages').where({ stage_id: f.stage.stage_id }).first()).split_cursor,
    ).toBe(1);
    const second = await svc.launch(req);
    expect(second).toMatchObject({ dataset: 'b' });
    await expect(svc.launch(req)).rejects.toThrow(/No more splits for stage reco/);
    await runner.idle();
    expect(await t.db('submissions').where({ stage_id: f.stage.stage_id }).count({ n: '*' }).first()).toEqual(
      { n: 2 },
    );
  });
});
