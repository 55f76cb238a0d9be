import { describe, expect, it } from 'vitest';
import {
  fileStatusCounts,
  projectSummary,
  recoveryDimensions,
} from '../../../../src/sim/sam/projects/project-summary.js';
import { manualWorld, T0 } from './sim-test-world.js';

function started() {
  const { world } = manualWorld();
  world.addFiles(
    'samdev',
    ['a', 'b', 'c', 'd'].map((n) => ({ name: `${n}.root`, locations: ['x'] })),
  );
  const sam = world.sam('samdev');
  const files = ['a.root', 'b.root', 'c.root', 'd.root'];
  const snap = sam.catalogue.addSnapshot(files, T0, undefined);
  const p = sam.projects.start(
    { name: 'p1', station: 'samdev', group: 'samdev', user: 'u', defname: 'ds', snapshotId: snap.id, files },
    T0,
  );
  return { world, sam, p };
}

describe('SAM projects', () => {
  it('hands out snapshot files in order, respects file limits, ends processes and the project', () => {
    const { sam, p } = started();
    const one = sam.projects.establishProcess('p1', { filelimit: 1 }, T0);
    const two = sam.projects.establishProcess('p1', {}, T0);
    expect(sam.projects.getNextFile('p1', one.id)).toBe('a.root');
    expect(sam.projects.getNextFile('p1', one.id)).toBeNull();
    expect(sam.projects.getNextFile('p1', two.id)).toBe('b.root');
    sam.projects.updateFileStatus('p1', one.id, 'a.root', 'consumed');
    sam.projects.updateFileStatus('p1', two.id, 'b.root', 'failed');
    expect(sam.projects.getNextFile('p1', two.id)).toBe('c.root');
    expect(() => sam.projects.updateFileStatus('p1', one.id, 'c.root', 'consumed')).toThrow(/not delivered/);
    sam.projects.endProcess('p1', one.id, 'completed', T0 + 1);
    sam.projects.endProcess('p1', two.id, 'bad', T0 + 2);
    sam.projects.endProject('p1', T0 + 3);
    expect(sam.projects.getNextFile('p1', two.id)).toBeNull();

    const s = projectSummary(p, 0);
    expect(s).toMatchObject({
      project_status: 'completed',
      dataset_def_name: 'ds',
      files_in_snapshot: 4,
      file_counts: {
        consumed: 1,
        failed: 1,
        delivered: 1,
        unknown: 1,
        completed: 0,
        skipped: 0,
        cancelled: 0,
      },
      process_counts: { completed: 1, bad: 1, active: 0 },
    });
    expect(s).not.toHaveProperty('processes');
    // The counts the projects keep as files move are the counts of a walk over the snapshot.
    expect(sam.projects.statusCounts(p)).toEqual(fileStatusCounts(p));
    expect(projectSummary(p, 0, sam.projects.statusCounts(p))).toEqual(s);
    expect(projectSummary(p, 5).processes).toEqual([
      expect.objectContaining({ status: 'completed', counts: expect.objectContaining({ consumed: 1 }) }),
      expect.objectContaining({
        status: 'bad',
        counts: expect.objectContaining({ failed: 1, delivered: 1 }),
      }),
    ]);
  });

  it('consumed_status / project_name dims see the project live', () => {
    const { sam } = started();
    const proc = sam.projects.establishProcess('p1', {}, T0);
    sam.projects.getNextFile('p1', proc.id);
    sam.projects.updateFileStatus('p1', proc.id, 'a.root', 'consumed');
    const names = (d: string) => sam.query(d).map((f) => f.name);
    expect(names("snapshot_for_project_name p1 minus (project_name p1 and consumed_status 'co%')")).toEqual([
      'b.root',
      'c.root',
      'd.root',
    ]);
    expect(names('project_name p1 and consumed_status unknown')).toEqual(['b.root', 'c.root', 'd.root']);
  });

  it('recovery dimensions: unconsumed files; with useProcess also consumed files of bad processes', () => {
    const { sam, p } = started();
    const good = sam.projects.establishProcess('p1', {}, T0);
    const bad = sam.projects.establishProcess('p1', {}, T0);
    for (const [proc, f] of [
      [good, 'a.root'],
      [good, 'b.root'],
      [bad, 'c.root'],
      [bad, 'd.root'],
    ] as const) {
      expect(sam.projects.getNextFile('p1', proc.id)).toBe(f);
      sam.projects.updateFileStatus('p1', proc.id, f, f === 'd.root' ? 'failed' : 'consumed');
    }
    sam.projects.endProcess('p1', bad.id, 'bad', T0);
    const plain = recoveryDimensions(p, false);
    expect(sam.query(plain.dims).map((f) => f.name)).toEqual(['d.root']);
    const withProcess = recoveryDimensions(p, true);
    expect(sam.query(withProcess.dims).map((f) => f.name)).toEqual(['c.root', 'd.root']);
  });

  it('recovery dimensions are empty when every file was consumed', () => {
    const { sam, p } = started();
    const proc = sam.projects.establishProcess('p1', {}, T0);
    for (let f = sam.projects.getNextFile('p1', proc.id); f; f = sam.projects.getNextFile('p1', proc.id))
      sam.projects.updateFileStatus('p1', proc.id, f, 'consumed');
    expect(recoveryDimensions(p, true).dims).toBe('');
  });

  it('refuses a second project with the same name', () => {
    const { sam } = started();
    expect(() =>
      sam.projects.start(
        { name: 'p1', station: 'samdev', group: 'samdev', user: 'u', snapshotId: 1, files: [] },
        T0,
      ),
    ).toThrow(/already exists/);
  });
});
