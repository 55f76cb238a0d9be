import { describe, expect, it } from 'vitest';
import {
  batchedSubmissionsQuery,
  parseBatchedAnswer,
  parseRecentSubmissions,
  parseSubmissionAnswer,
  recentSubmissionsQuery,
  samProjectFrom,
  submissionCountsQuery,
  submissionProjectQuery,
} from '../../../../src/adapters/lens/query/index.js';
import { executeLens } from '../../../../src/sim/lens/lens-resolver.js';
import { parseGraphql } from '../../../../src/sim/lens/graphql/index.js';
import type { SimWorld } from '../../../../src/sim/world/sim-world.js';
import { advanceUntil, clusterOf, manualWorld, MINUTE, pomsEnv, shim, T0 } from './sim-test-world.js';

const ask = (world: SimWorld, doc: string, t = world.now()) =>
  JSON.stringify(executeLens(world, parseGraphql(doc), t));

async function twoLaunches() {
  const { world, clock } = manualWorld({ demo: true });
  const a = await shim(
    world,
    'fife_launch',
    ['-Oglobal.dataset=demo_raw_small', '-Oglobal.njobs=2'],
    pomsEnv(101),
  );
  clock.advance(MINUTE);
  const b = await shim(world, 'jobsub_submit', [
    '-G',
    'fermilab',
    '-N',
    '2',
    'file:///x.sh',
    '--sam_project',
    'nothing',
  ]);
  return {
    world,
    clock,
    a: `${clusterOf(a.stdout)}.0@sim-schedd01.example`,
    b: `${clusterOf(b.stdout)}.0@sim-schedd02.example`,
  };
}

describe('Lens GraphQL over the world (documents from src/adapters/lens/query)', () => {
  it('query 1: submissions of a group, with a window; pomsTaskID null outside POMS', async () => {
    const { world, a, b } = await twoLaunches();
    const all = parseRecentSubmissions(ask(world, recentSubmissionsQuery('fermilab')));
    expect(all.entries.map((e) => [e.id, e.pomsTaskID])).toEqual([
      [a, 101],
      [b, null],
    ]);
    expect(all.entries[0].env).toEqual({
      POMS_DATA_DISPATCHER_PROJECT_ID: null,
      POMS_DATA_DISPATCHER_TASK_ID: null,
    });
    const recent = parseRecentSubmissions(
      ask(world, recentSubmissionsQuery('fermilab', { from: new Date(T0 + MINUTE) })),
    );
    expect(recent.entries.map((e) => e.id)).toEqual([b]);
    expect(parseRecentSubmissions(ask(world, recentSubmissionsQuery('nova'))).entries).toEqual([]);
  });

  it('query 2 and 3: counts and the SAM project of one submission', async () => {
    const { world, clock, a, b } = await twoLaunches();
    const counts = parseSubmissionAnswer(ask(world, submissionCountsQuery({ jobId: a }))).entry!;
    expect(counts).toMatchObject({ id: a, pomsTaskID: 101, done: false });
    expect(counts.running + counts.idle + counts.completed).toBe(2);
    advanceUntil(
      clock,
      () => parseSubmissionAnswer(ask(world, submissionCountsQuery({ taskId: 101 }))).entry!.done,
    );
    expect(parseSubmissionAnswer(ask(world, submissionCountsQuery({ taskId: 101 }))).entry).toMatchObject({
      completed: 2,
      failed: 0,
      done: true,
    });
    const proj = parseSubmissionAnswer(ask(world, submissionProjectQuery({ jobId: a }))).entry!;
    expect(samProjectFrom(proj)).toMatch(/^demo_raw_small_samdevpro_/);
    const other = parseSubmissionAnswer(
      ask(world, submissionProjectQuery({ jobId: b.replace('.0@', '@') })),
    ).entry!;
    expect(samProjectFrom(other)).toBe('nothing');
  });

  it('query 5: aliases in one document; a missing task id is an error with its alias as path', async () => {
    const { world, a } = await twoLaunches();
    const { document, aliases } = batchedSubmissionsQuery([{ jobId: a }, { taskId: 101 }, { taskId: 999 }]);
    const { items, errors } = parseBatchedAnswer(ask(world, document), aliases);
    expect(items.map((i) => i.entry?.pomsTaskID ?? null)).toEqual([101, 101, null]);
    expect(items[2].errors).toEqual([
      { message: 'no submission found with the given pomsTaskId', path: ['s1'] },
    ]);
    expect(errors).toEqual([]);
  });

  it('answers as of an earlier time (the lag knob) and validates documents', async () => {
    const { world, a } = await twoLaunches();
    const before = JSON.parse(ask(world, `{ submission(id: "${a}") { idle running } }`, T0 + 1));
    expect(before.data.submission).toEqual({ idle: 0, running: 0 });
    const bad = executeLens(world, parseGraphql('{ submission(id: "x") { nope } }'), world.now());
    expect(bad).toEqual({
      errors: [expect.objectContaining({ message: 'Cannot query field "nope" on type "Submission".' })],
    });
    const noSel = executeLens(world, parseGraphql('{ submissions(group: "fermilab") }'), world.now());
    expect(noSel.errors?.[0].message).toMatch(/must have a selection/);
    const badTime = executeLens(
      world,
      parseGraphql('{ submissions(group: "fermilab", from: "yesterday") { id } }'),
      world.now(),
    );
    expect(badTime).toMatchObject({ data: { submissions: null }, errors: [{ path: ['submissions'] }] });
  });

  it('job(id:) and the jobs of a submission', async () => {
    const { world, clock, a } = await twoLaunches();
    advanceUntil(clock, () => world.batch.allJobs().some((j) => j.role === 'worker' && j.status === 2));
    const answer = JSON.parse(
      ask(world, `{ submission(id: "${a}") { jobs { id status dagNodeName pomsTaskID } } }`),
    );
    const jobs = answer.data.submission.jobs;
    expect(jobs.map((j: { dagNodeName: string }) => j.dagNodeName)).toEqual(['WORKER_0', 'WORKER_1']);
    const one = JSON.parse(
      ask(world, `{ job(id: "${jobs[0].id}") { id status done SAM_PROJECT: env(name: "SAM_PROJECT") } }`),
    );
    expect(one.data.job).toMatchObject({
      id: jobs[0].id,
      done: false,
      SAM_PROJECT: expect.stringMatching(/^demo_raw_small_/),
    });
    expect(JSON.parse(ask(world, '{ job(id: "1.0@nowhere") { id } }')).errors[0].path).toEqual(['job']);
  });
});
