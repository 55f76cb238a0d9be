import { describe, expect, it } from 'vitest';
import {
  batchedSubmissionsQuery,
  LensAnswerError,
  parseBatchedAnswer,
  parseRecentSubmissions,
  parseSubmissionAnswer,
} from '../../../../../src/adapters/lens/query/index.js';

describe('Lens answers', () => {
  it('parses the reference answer to query 2', () => {
    // external-apis.md 3.3, verbatim.
    const raw =
      '{"data":{"submission":{"id":"5001.0@sim-schedd01.example","pomsTaskID":"101","POMS_ENV":null,"done":false,"running":6,"idle":3,"held":1,"failed":0,"completed":0,"cancelled":0}}}';
    expect(parseSubmissionAnswer(raw)).toEqual({
      entry: {
        id: '5001.0@sim-schedd01.example',
        pomsTaskID: 101,
        done: false,
        running: 6,
        idle: 3,
        held: 1,
        failed: 0,
        completed: 0,
        cancelled: 0,
        env: { POMS_ENV: null },
      },
      errors: [],
    });
  });

  it('accepts pomsTaskID as int, string, junk or null; defaults missing counts', () => {
    const one = (pomsTaskID: unknown) =>
      parseSubmissionAnswer(JSON.stringify({ data: { submission: { id: 'x', pomsTaskID } } })).entry
        ?.pomsTaskID;
    expect([one(7), one('7'), one(' 7 '), one('abc'), one(null), one(undefined), one(1.5)]).toEqual([
      7,
      7,
      7,
      null,
      null,
      null,
      null,
    ]);
    const e = parseSubmissionAnswer(
      '{"data":{"submission":{"id":"x","SAM_PROJECT":"p","SAM_PROJECT_NAME":null,"args":"-a"}}}',
    );
    expect(e.entry).toEqual({
      id: 'x',
      pomsTaskID: null,
      done: false,
      idle: 0,
      running: 0,
      held: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      args: '-a',
      env: { SAM_PROJECT: 'p', SAM_PROJECT_NAME: null },
    });
  });

  it('keeps error, njobs and submitTime', () => {
    const raw =
      '{"data":{"submission":{"id":"x","error":"boom","njobs":4,"submitTime":1711965723,"done":true}}}';
    expect(parseSubmissionAnswer(raw).entry).toMatchObject({
      error: 'boom',
      njobs: 4,
      submitTime: '1711965723',
      done: true,
    });
  });

  it('returns null with the errors when Lens found nothing', () => {
    const raw =
      '{"data":{"submission":null},"errors":[{"message":"no submission found with the given pomsTaskId","path":["submission"]}]}';
    expect(parseSubmissionAnswer(raw)).toEqual({
      entry: null,
      errors: [{ message: 'no submission found with the given pomsTaskId', path: ['submission'] }],
    });
  });

  it('parses query 1', () => {
    const raw = JSON.stringify({
      data: {
        submissions: [
          { pomsTaskID: 101, id: '5001.0@s', POMS_DATA_DISPATCHER_TASK_ID: null },
          { pomsTaskID: null, id: '5002.0@s' },
        ],
      },
    });
    expect(parseRecentSubmissions(raw)).toEqual({
      entries: [
        { id: '5001.0@s', pomsTaskID: 101, env: { POMS_DATA_DISPATCHER_TASK_ID: null } },
        { id: '5002.0@s', pomsTaskID: null, env: {} },
      ],
      errors: [],
    });
    expect(parseRecentSubmissions('{"data":{"submissions":null}}').entries).toEqual([]);
  });

  it('splits a batched answer by alias, with per-alias errors', () => {
    const { aliases } = batchedSubmissionsQuery([{ jobId: '5001.0@s' }, { taskId: 999 }]);
    const raw = JSON.stringify({
      data: { j0: { id: '5001.0@s', pomsTaskID: '101', done: true, completed: 10 }, s0: null },
      errors: [
        { message: 'no submission found with the given pomsTaskId', path: ['s0'] },
        { message: 'overloaded' },
      ],
    });
    const { items, errors } = parseBatchedAnswer(raw, aliases);
    expect(items.map((i) => [i.alias, i.entry?.pomsTaskID ?? null, i.errors.map((e) => e.message)])).toEqual([
      ['j0', 101, []],
      ['s0', null, ['no submission found with the given pomsTaskId']],
    ]);
    expect(items[1].key).toEqual({ taskId: 999 });
    expect(errors).toEqual([{ message: 'overloaded' }]);
  });

  it.each([
    ['not json', '<html>502 Bad Gateway</html>', 'not JSON'],
    ['not an envelope', '[1,2]', 'not a GraphQL response'],
    ['empty', '{}', 'neither data nor errors'],
    ['bad entry', '{"data":{"submission":{"pomsTaskID":1}}}', 'bad submission at submission'],
    ['bad count', '{"data":{"submission":{"id":"x","running":"many"}}}', 'bad submission'],
    ['bad list', '{"data":{"submissions":{"id":"x"}}}', 'not a list'],
  ])('throws LensAnswerError keeping the raw text: %s', (_label, raw, message) => {
    const parse = raw.includes('submissions') ? parseRecentSubmissions : parseSubmissionAnswer;
    let err: unknown;
    try {
      parse(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LensAnswerError);
    expect((err as LensAnswerError).raw).toBe(raw);
    expect((err as Error).message).toContain(message);
  });
});
