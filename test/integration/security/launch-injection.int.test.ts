import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLaunchConfig } from '../../../src/services/launch/load-launch-config.js';
import { api } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';

// Finding 1 of the security review, through real HTTP on the app wired to the simulator: a
// production-shifter (who may launch, not edit) must not get a command run on the launch host
// through a value substituted into the login setup text, whatever quotes the text puts around it.

describe('launcher values in the login setup text (HTTP, simulator)', () => {
  let h: ApiHarness;
  let dir: string;
  let stageId: number;
  const marker = (n: number) => path.join(dir, `pwned-${n}`);
  const logOf = async (id: number) =>
    (
      await h.testDb.db('launch_log_chunks').where({ submission_id: id }).orderBy('chunk_id').pluck('text')
    ).join('');

  beforeAll(async () => {
    h = await startApiHarness({ sim: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-inject-'));
    const db = h.testDb.db;
    const stage = await db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    stageId = stage.stage_id;
    const ls = (await loadLaunchConfig(db, stageId)).loginSetup;
    // The experiment's own configuration quotes the placeholders, as setups commonly do.
    await db('login_setups')
      .where({ login_setup_id: ls.id })
      .update({
        launch_setup: `${ls.setup}\necho "ds=%(dataset)s ver=%(version)s"\necho 'sq=%(dataset)s'`,
      });
    await db('stages')
      .where({ stage_id: stageId })
      .update({ software_version: `v1";touch ${marker(2)};echo "` });
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a dataset_override that is not a dataset name, naming the field, and launches nothing', async () => {
    const before = await h.testDb.db('submissions').count({ n: '*' }).first();
    for (const bad of [`demo_raw$(touch ${marker(1)})`, `x";touch ${marker(1)};"`, "x';touch /tmp/x;'"]) {
      const r = await api(h.url, 'POST', `/api/v1/experiments/samdev/stages/${stageId}/launch`, {
        user: 'shifter',
        body: { dataset_override: bad },
      });
      expect(r.status, r.text).toBe(400);
      expect(r.text).toContain('dataset_override');
    }
    await h.services.runner.idle();
    expect(await h.testDb.db('submissions').count({ n: '*' }).first()).toEqual(before);
    expect(fs.existsSync(marker(1))).toBe(false);
  });

  it('a value inside quotes of the setup text arrives as text and runs nothing', async () => {
    const r = await api(h.url, 'POST', `/api/v1/experiments/samdev/stages/${stageId}/launch`, {
      user: 'shifter',
      body: { dataset_override: 'demo_raw' },
    });
    expect(r.status, r.text).toBe(201);
    await h.services.runner.idle();
    const log = await logOf(r.json.submissionId);
    expect(log).toContain(`ds=demo_raw ver=v1";touch ${marker(2)};echo "\n`);
    expect(log).toContain('sq=demo_raw\n');
    expect(fs.existsSync(marker(2))).toBe(false);
  });
});
