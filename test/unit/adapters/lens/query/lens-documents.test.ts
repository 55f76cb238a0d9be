import { describe, expect, it } from 'vitest';
import {
  batchedSubmissionsQuery,
  graphqlString,
  recentSubmissionsQuery,
  submissionCountsQuery,
  submissionProjectQuery,
} from '../../../../../src/adapters/lens/query/index.js';

const DD =
  'POMS_DATA_DISPATCHER_PROJECT_ID: env(name: "POMS_DATA_DISPATCHER_PROJECT_ID") ' +
  'POMS_DATA_DISPATCHER_TASK_ID: env(name: "POMS_DATA_DISPATCHER_TASK_ID")';
const F = `pomsTaskID id done error running idle held failed completed cancelled args POMS_ENV: env(name: "POMS_ENV") ${DD}`;

describe('Lens documents (external-apis.md 3.3)', () => {
  it('query 1 without and with a window', () => {
    expect(recentSubmissionsQuery('fermilab')).toBe(
      `{ submissions(group: "fermilab") { pomsTaskID id ${DD} } }`,
    );
    expect(recentSubmissionsQuery('fermilab', { from: new Date('2025-04-01T10:22:03.456Z') })).toBe(
      `{ submissions(group: "fermilab", from: "2025-04-01T10:22:03", to: "now") { pomsTaskID id ${DD} } }`,
    );
    expect(
      recentSubmissionsQuery(
        'mu2e',
        { from: new Date('2025-04-01T00:00:00Z'), to: new Date('2025-04-02T00:00:00Z') },
        [],
      ),
    ).toBe(
      '{ submissions(group: "mu2e", from: "2025-04-01T00:00:00", to: "2025-04-02T00:00:00") { pomsTaskID id } }',
    );
  });

  it('query 2 by jobsub id and by task id', () => {
    expect(submissionCountsQuery({ jobId: '5001.0@sim-schedd01.example' })).toBe(
      '{ submission(id: "5001.0@sim-schedd01.example") { id pomsTaskID POMS_ENV: env(name: "POMS_ENV") done running idle held failed completed cancelled } }',
    );
    expect(submissionCountsQuery({ taskId: 101 })).toBe(
      '{ submission(pomsTaskID: 101) { id pomsTaskID POMS_ENV: env(name: "POMS_ENV") done running idle held failed completed cancelled } }',
    );
  });

  it('query 3', () => {
    expect(submissionProjectQuery({ jobId: '5001.0@s' })).toBe(
      '{ submission(id: "5001.0@s") { id SAM_PROJECT: env(name: "SAM_PROJECT") SAM_PROJECT_NAME: env(name: "SAM_PROJECT_NAME") args } }',
    );
  });

  it('query 5, batched with aliases', () => {
    const { document, aliases } = batchedSubmissionsQuery([
      { jobId: '5001.0@s' },
      { taskId: 123 },
      { jobId: '5002.0@s' },
    ]);
    expect(document).toBe(
      `{ j0: submission(id: "5001.0@s") { ${F} } s0: submission(pomsTaskID: 123) { ${F} } j1: submission(id: "5002.0@s") { ${F} } }`,
    );
    expect(aliases).toEqual([
      { alias: 'j0', key: { jobId: '5001.0@s' } },
      { alias: 's0', key: { taskId: 123 } },
      { alias: 'j1', key: { jobId: '5002.0@s' } },
    ]);
  });

  it('escapes string literals', () => {
    expect(graphqlString('a"b\\c\nd\re\tf\u0001g\u007fé')).toBe('"a\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007fé"');
    expect(submissionCountsQuery({ jobId: 'x") { id } evil: submission(id: "y' })).toContain(
      'submission(id: "x\\") { id } evil: submission(id: \\"y")',
    );
  });

  it('refuses what cannot be escaped', () => {
    expect(() => submissionCountsQuery({ taskId: -1 })).toThrow(RangeError);
    expect(() => submissionCountsQuery({ taskId: 1.5 })).toThrow(RangeError);
    expect(() => recentSubmissionsQuery('g', undefined, ['BAD NAME'])).toThrow(RangeError);
  });
});
