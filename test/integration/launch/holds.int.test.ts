import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShell } from '../../../src/adapters/ssh/local-shell.js';
import { emptySplitSam } from '../../../src/services/fife-adapters.js';
import { holdService, type HoldService } from '../../../src/services/launch/hold-service.js';
import { LaunchRunner } from '../../../src/services/launch/launch-runner.js';
import { launchService, type LaunchService } from '../../../src/services/launch/launch-service.js';
import type { UserContext } from '../../../src/services/user-context.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

describe('holds and queued launches', () => {
  let t: TestDb;
  let runner: LaunchRunner;
  let launches: LaunchService;
  let holds: HoldService;
  let launcher: string;
  const user = async (username: string, role: UserContext['role']): Promise<UserContext> => {
    const x = await t.db('experimenters').where({ username }).first();
    return {
      experimenterId: x.experimenter_id,
      username,
      displayName: username,
      root: x.root,
      memberships: { samdev: role },
      experiment: 'samdev',
      role,
    };
  };

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    launcher = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poms-hold-')), 'fake_launch');
    fs.writeFileSync(launcher, '#!/bin/sh\necho "Use job id 9.0@sim-schedd01.example to retrieve output"\n', {
      mode: 0o755,
    });
    runner = new LaunchRunner(t.db, new LocalShell(), pino({ level: 'silent' }), {
      maxConcurrent: 2,
      timeoutMs: 20_000,
    });
    launches = launchService({ db: t.db, runner, splitSamFor: () => emptySplitSam });
    holds = holdService(t.db, launches);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.destroy();
  });

  it('queues dependency, recovery, scheduled and manual launches of a held stage and releases them in order', async () => {
    const f = await makeStage(t.db, { launchScript: launcher });
    const producer = await user('producer', 'production');
    await holds.holdStage(producer, f.stage.stage_id);
    const base = { stageId: f.stage.stage_id, launcherId: producer.experimenterId, launcherName: 'producer' };
    const kinds = ['dependency', 'recovery', 'scheduled', 'manual'] as const;
    for (const kind of kinds)
      expect((await launches.launch({ ...base, kind, datasetOverride: `ds_${kind}` })).kind).toBe('held');
    expect((await holds.list(producer, 'samdev')).map((h) => h.launch_kind)).toEqual([...kinds]);
    expect(await t.db('submissions').where({ stage_id: f.stage.stage_id }).count({ n: '*' }).first()).toEqual(
      { n: 0 },
    );

    const released = await holds.releaseStage(producer, f.stage.stage_id);
    expect(released.map((r) => r.kind)).toEqual(['launched', 'launched', 'launched', 'launched']);
    await runner.idle();
    const subs = await t
      .db('submissions')
      .where({ stage_id: f.stage.stage_id })
      .orderBy('submission_id')
      .select('launch_kind', 'dataset');
    expect(subs).toEqual(kinds.map((k) => ({ launch_kind: k, dataset: `ds_${k}` })));
    expect(
      await t.db('held_launches').where({ stage_id: f.stage.stage_id }).count({ n: '*' }).first(),
    ).toEqual({ n: 0 });
  });

  it('holds every launch of the experiment while a superuser holds launches, then drains all queues', async () => {
    const a = await makeStage(t.db, { launchScript: launcher });
    const b = await makeStage(t.db, { launchScript: launcher });
    const su = await user('superuser', 'superuser');
    const producer = await user('producer', 'production');
    await expect(holds.setExperimentHold(producer, 'samdev', true)).rejects.toThrow(/superuser/);
    await holds.setExperimentHold(su, 'samdev', true);
    for (const s of [a, b, a])
      expect(
        (
          await launches.launch({
            stageId: s.stage.stage_id,
            launcherId: producer.experimenterId,
            launcherName: 'producer',
            kind: 'manual',
          })
        ).kind,
      ).toBe('held');
    const out = await holds.setExperimentHold(su, 'samdev', false);
    expect(out.map((o) => o.kind)).toEqual(['launched', 'launched', 'launched']);
    await runner.idle();
    expect(
      await t
        .db('submissions')
        .whereIn('stage_id', [a.stage.stage_id, b.stage.stage_id])
        .count({ n: '*' })
        .first(),
    ).toEqual({ n: 3 });
  });

  it('lets an analysis user see only their own queued launches, and a shifter hold production stages', async () => {
    const f = await makeStage(t.db, { launchScript: launcher });
    const shifter = await user('shifter', 'production-shifter');
    await holds.holdStage(shifter, f.stage.stage_id);
    const producer = await user('producer', 'production');
    await launches.launch({
      stageId: f.stage.stage_id,
      launcherId: producer.experimenterId,
      launcherName: 'producer',
      kind: 'manual',
    });
    expect(await holds.list(await user('analyst', 'analysis'), 'samdev')).toEqual([]);
    await expect(holds.holdStage(await user('analyst', 'analysis'), f.stage.stage_id)).rejects.toThrow(
      /analysis users may operate only their own/,
    );
  });
});
