import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sam } from '../../../src/adapters/sam/sam.js';
import { startDemoRun, type DemoRun } from './demo-run.js';
import { getJson, P, signedIn } from './page-helpers.js';

const ids = (list: Array<{ submission_id: number }>) =>
  list.map((s) => s.submission_id).sort((a, b) => a - b);

// Issue 17, files you can follow: the file page says which submission produced a file by the
// attribution rule (docs/numbers.md) as the experiment configures it — here `[sam]
// attribution_param` empty, so lineage and lifetime alone decide, whatever a file's metadata says —
// and which submissions' projects were delivered it and consumed it, asked of the simulated SAM.
describe('file details follow the configured attribution rule', () => {
  let run: DemoRun;
  let sam: Sam;
  const file = async (name: string) => {
    const r = await getJson(run.url, `${P}/files/${encodeURIComponent(name)}`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json;
  };
  beforeAll(async () => {
    run = await startDemoRun({ sam: { attribution_param: '' } });
    sam = run.h.services.fife.sam!;
  }, 300_000);
  afterAll(async () => run?.close());

  it('finds the producer of an output by lineage and lifetime, and the stage that consumed it', async () => {
    const { reco, ana } = run.subs;
    expect(sam.attributionParam).toBeNull();
    // The simulator's jobs still write poms.submission_id; POMS is configured not to read it.
    const [out] = await sam.listFiles('samdev', `poms.submission_id ${reco.submission_id}`);
    const f = await file(out);
    expect(f.attribution_param).toBeNull();
    expect(f.produced_by).toMatchObject({ submission_id: reco.submission_id, stage_name: 'reco' });
    expect(f.delivered_to).toEqual([
      expect.objectContaining({ submission_id: ana.submission_id, consumed: true }),
    ]);
    expect(ids(f.consumed_by)).toEqual([ana.submission_id]);
  });

  it('names both projects a failed input file was delivered to, and the recovery that consumed it', async () => {
    const { reco, recovery } = run.subs;
    const failed = await sam.listFiles('samdev', `snapshot_for_project_name '${recovery.project}'`);
    expect(failed.length).toBeGreaterThan(0);
    const f = await file(failed[0]);
    expect(f.produced_by).toBeNull();
    expect(ids(f.delivered_to)).toEqual([reco.submission_id, recovery.submission_id]);
    const byId = new Map(f.delivered_to.map((d: any) => [d.submission_id, d.consumed]));
    expect(byId.get(reco.submission_id)).toBe(false);
    expect(byId.get(recovery.submission_id)).toBe(true);
    expect(ids(f.consumed_by)).toEqual([recovery.submission_id]);
    // Its child is the recovery's output, by the rule (the recovery's project, its lifetime).
    const child = await file(f.children.items[0]);
    expect(child.produced_by).toMatchObject({ submission_id: recovery.submission_id });
    const page = await (
      await signedIn(run.url, 'producer')
    ).get(`${P}/files/${encodeURIComponent(failed[0])}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`data-submission="${reco.submission_id}" data-consumed="no"`);
    expect(page.body).toContain(`data-submission="${recovery.submission_id}" data-consumed="yes"`);
    expect(page.body).toContain(`href="${P}/submissions/${recovery.submission_id}"`);
  });

  it('does not take a submission id from metadata the experiment does not attribute by', async () => {
    const reco = run.subs.reco.submission_id;
    // Named after reco's outputs and of their version, claiming reco, but made by none of its jobs.
    run.h.sim.world.addFiles('samdev', [
      {
        name: 'reco_stray.root',
        dataTier: 'reco',
        application: { family: 'sim', name: 'reco', version: 'v1' },
        params: { 'poms.submission_id': reco },
      },
    ]);
    const f = await file('reco_stray.root');
    expect(f.metadata).toContainEqual(['poms.submission_id', String(reco)]);
    expect(f.produced_by).toBeNull();
    expect(f.delivered_to).toEqual([]);
    const page = await (await signedIn(run.url, 'producer')).get(`${P}/files/reco_stray.root`);
    expect(page.body).toContain('by lineage and lifetime');
  });
});
