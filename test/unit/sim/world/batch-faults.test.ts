import { describe, expect, it } from 'vitest';
import { condorLogJobs, parseCondorUserLog } from '../../../../src/adapters/jobsub/parse/index.js';
import {
  parseRecentSubmissions,
  parseSubmissionAnswer,
  recentSubmissionsQuery,
  submissionCountsQuery,
} from '../../../../src/adapters/lens/query/index.js';
import { executeLens } from '../../../../src/sim/lens/lens-resolver.js';
import { parseGraphql } from '../../../../src/sim/lens/graphql/index.js';
import type { SimWorld } from '../../../../src/sim/world/sim-world.js';
import type { WorldState } from '../../../../src/sim/world/world-state.js';
import { advanceUntil, clusterOf, manualWorld, MINUTE, pomsEnv, shim } from './sim-test-world.js';

const S1 = 'sim-schedd01.example';
const S2 = 'sim-schedd02.example';
const ask = (world: SimWorld, doc: string) =>
  JSON.stringify(executeLens(world, parseGraphql(doc), world.now()));
const lensEntry = (world: SimWorld, jobId: string) =>
  parseSubmissionAnswer(ask(world, submissionCountsQuery({ jobId }))).entry;
const lensIds = (world: SimWorld) =>
  parseRecentSubmissions(ask(world, recentSubmissionsQuery('fermilab'))).entries.map((e) => e.id);
const roundTrip = (s: WorldState): WorldState => JSON.parse(JSON.stringify(s));

/** The user-log events of every `.log` in a fetchlog answer (tar written in --destdir mode). */
async function userLogJobs(world: SimWorld, id: string) {
  const r = await shim(world, 'jobsub_fetchlog', ['-G', 'fermilab', '-J', id, '--destdir', 'logs']);
  expect(r.exitCode).toBe(0);
  const logs = r.files!.filter((f) => f.path.endsWith('.log'));
  return condorLogJobs(logs.flatMap((f) => parseCondorUserLog(Buffer.from(f.base64, 'base64').toString())));
}

describe('launch failure kind ssh', () => {
  it('refuses the hop to the submit host: OpenSSH message on stderr, exit 255, nothing submitted', async () => {
    const { world } = manualWorld({ demo: true });
    world.faults.patch({ stages: { reco: { launchFailure: 'ssh', launchFailureCount: 1 } } });
    const r = await shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw_small'], pomsEnv(101));
    expect(r.exitCode).toBe(255);
    expect(r.stderr).toBe(`ssh: connect to host ${S1} port 22: Connection refused\n`);
    expect(r.stdout).not.toMatch(/Use job id/);
    expect(world.batch.allSubmissions()).toEqual([]);
    // the count is used up: the next launch submits
    const ok = await shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw_small'], pomsEnv(102));
    expect(ok.exitCode).toBe(0);
    expect(world.batch.allSubmissions()).toHaveLength(1);
  });

  it('applies to a bare jobsub_submit too', async () => {
    const { world } = manualWorld();
    world.faults.patch({ global: { launchFailure: 'ssh' } });
    const r = await shim(world, 'jobsub_submit', ['-G', 'fermilab', '-N', '1', 'file:///a.sh']);
    expect([r.exitCode, r.stderr]).toEqual([255, `ssh: connect to host ${S1} port 22: Connection refused\n`]);
    expect(world.batch.allSubmissions()).toEqual([]);
  });
});

describe('a schedd missing from the collector', () => {
  async function twoClusters() {
    const { world, clock } = manualWorld({ demo: true });
    const submit = () => shim(world, 'jobsub_submit', ['-G', 'fermilab', '-N', '2', 'file:///a.sh']);
    const a = `${clusterOf((await submit()).stdout)}.0@${S1}`;
    const b = `${clusterOf((await submit()).stdout)}.0@${S2}`;
    return { world, clock, a, b };
  }

  it('hides its jobs from jobsub_q and Lens, refuses control by id, and keeps the jobs running', async () => {
    const { world, clock, a, b } = await twoClusters();
    clock.advance(MINUTE);
    world.faults.patch({ batch: { missingSchedds: [S1] } });

    const q = await shim(world, 'jobsub_q', ['-G', 'fermilab']);
    expect(q.exitCode).toBe(0);
    expect(q.stdout).not.toContain(`@${S1}`);
    expect(q.stdout).toContain(`@${S2}`);
    const byId = await shim(world, 'jobsub_q', ['-G', 'fermilab', `--jobid=${a.replace('.0@', '@')}`]);
    expect([byId.exitCode, byId.stderr]).toEqual([1, `Error: Can't find address for schedd ${S1}\n`]);
    expect((await shim(world, 'jobsub_q', ['-G', 'fermilab', '-name', S1])).exitCode).toBe(1);

    const rm = await shim(world, 'jobsub_rm', ['-G', 'fermilab', `--jobid=${a.replace('.0@', '@')}`]);
    expect(rm.exitCode).toBe(1);
    expect(rm.stdout).toContain(`Can't find address for schedd ${S1}`);
    const hold = await shim(world, 'jobsub_hold', ['-G', 'fermilab', '--constraint', 'Owner=="samdevpro"']);
    expect(hold.exitCode).toBe(0);
    const held = world.batch.allJobs().filter((j) => j.status === 5);
    expect(held.map((j) => j.schedd)).toEqual([S2, S2]);

    expect(lensEntry(world, a)).toBeNull();
    expect(lensEntry(world, b)).not.toBeNull();
    expect(lensIds(world)).toEqual([b]);
    expect(JSON.parse(ask(world, `{ job(id: "${a}") { status } }`)).errors[0].message).toMatch(/no job/);

    // underneath, the jobs run to the end; a new submission goes to the advertised schedd
    const cluster = Number(a.split('.')[0]);
    advanceUntil(clock, () => world.batch.submission(cluster)!.ended !== undefined);
    const c = await shim(world, 'jobsub_submit', ['-G', 'fermilab', '-N', '1', 'file:///a.sh']);
    expect(c.stdout).toContain(`@${S2} to retrieve output`);
    expect(lensEntry(world, a)).toBeNull();

    // it returns (after a restart, even): everything reappears with its current state
    const again = manualWorld({ saved: roundTrip(world.toJSON()) }).world;
    expect(again.faults.scheddMissing(S1)).toBe(true);
    again.faults.patch({ batch: { missingSchedds: [] } });
    expect(lensEntry(again, a)).toMatchObject({ done: true, completed: 2 });
    expect(lensIds(again)).toContain(a);
  });

  it('jobsub_submit fails when the collector advertises no schedd', async () => {
    const { world } = manualWorld();
    world.faults.patch({ batch: { missingSchedds: [S1, S2] } });
    const r = await shim(world, 'jobsub_submit', ['-G', 'fermilab', '-N', '1', 'file:///a.sh']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no jobsub schedds/);
    expect(world.batch.allSubmissions()).toEqual([]);
  });
});

describe('jobs vanishing from the queue without history (vanishRate)', () => {
  it('a DAG whose every job vanished: not queued, no Lens entry, no terminate event, nothing consumed', async () => {
    const { world, clock } = manualWorld({ demo: true });
    world.faults.patch({ stages: { reco: { vanishRate: 1 } } });
    const r = await shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw_small'], pomsEnv(101));
    const id = `${clusterOf(r.stdout)}.0@${S1}`;
    expect(lensEntry(world, id)).toMatchObject({ id }); // queued, not yet lost
    clock.advance(3 * 3600_000);

    expect(world.batch.allJobs().map((j) => [j.role, j.vanished !== undefined])).toEqual([['dagman', true]]);
    expect(world.pendingEvents()).toBe(0);
    expect((await shim(world, 'jobsub_q', ['-G', 'fermilab'])).stdout).not.toContain(id);
    expect(lensEntry(world, id)).toBeNull();
    expect(lensIds(world)).toEqual([]);
    expect(world.sam('samdev').projects.names()).toEqual([]);
    expect(await userLogJobs(world, id)).toEqual([
      { job: `${id.split('.')[0]}.0`, submitted: true, terminated: false, aborted: false, exitCode: null },
    ]);
    // it cannot be acted on any more
    expect((await shim(world, 'jobsub_rm', ['-G', 'fermilab', id])).exitCode).toBe(1);
  });

  it('some procs of a cluster vanish: Lens counts only the others; the draw replays by seed', async () => {
    async function run(seed: number) {
      const { world, clock } = manualWorld({ seed });
      world.faults.patch({ global: { vanishRate: 0.5 } });
      const r = await shim(world, 'jobsub_submit', ['-G', 'fermilab', '-N', '8', 'file:///a.sh']);
      const id = `${clusterOf(r.stdout)}.0@${S1}`;
      clock.advance(6 * 3600_000);
      return { world, id, vanished: world.batch.allJobs().filter((j) => j.vanished !== undefined) };
    }
    const { world, id, vanished } = await run(7);
    expect(vanished.length).toBeGreaterThan(0);
    expect(vanished.length).toBeLessThan(8);
    expect(vanished.every((j) => j.history.length === 1 && j.history[0].status === 1)).toBe(true);
    expect(lensEntry(world, id)).toMatchObject({ done: true, completed: 8 - vanished.length, idle: 0 });
    const jobs = await userLogJobs(world, id.replace('.0@', '@'));
    expect(jobs).toHaveLength(8);
    expect(jobs.filter((j) => !j.terminated).map((j) => j.job)).toEqual(
      vanished.map((j) => `${j.cluster}.${j.proc}`),
    );
    expect((await run(7)).vanished.map((j) => j.proc)).toEqual(vanished.map((j) => j.proc));
  });

  it('a world saved with vanished jobs reloads and continues identically', async () => {
    const a = manualWorld({ demo: true });
    a.world.faults.patch({ global: { vanishRate: 0.3 } });
    await shim(a.world, 'fife_launch', ['-Oglobal.dataset=demo_raw', '-Oglobal.njobs=6'], pomsEnv(101));
    a.clock.advance(5 * MINUTE);
    const b = manualWorld({ saved: roundTrip(a.world.toJSON()) });
    for (const t of [a, b]) t.clock.advance(3 * 3600_000);
    expect(b.world.toJSON()).toEqual(a.world.toJSON());
  });
});
