import { describe, expect, it } from 'vitest';
import { lensEntrySchema } from '../../../../../src/adapters/lens/query/index.js';
import { plainLensEntry } from '../../../../../src/adapters/lens/query/plain-lens-entry.js';
import { parseBatchedAnswer, parseLensEnvelope } from '../../../../../src/adapters/lens/query/index.js';

// Issue 15: a poll of 10,000 submissions parses 10,000 Lens entries; the usual ones skip zod. Both
// paths must give the same entry, and whatever the plain path declines is still judged by the schema.
const BASE = {
  id: '5001.0@sim-schedd01.example',
  pomsTaskID: 101,
  done: false,
  error: null,
  running: 6,
  idle: 3,
  held: 1,
  failed: 0,
  completed: 0,
  cancelled: 0,
  args: '--sam_project p1',
  POMS_ENV: 'bench',
  POMS_DATA_DISPATCHER_PROJECT_ID: null,
};
const VARIANTS: Array<Record<string, unknown>> = [
  {},
  { pomsTaskID: '101' },
  { pomsTaskID: ' 7 ' },
  { pomsTaskID: 'abc' },
  { pomsTaskID: null },
  { pomsTaskID: undefined },
  { pomsTaskID: 1.5 },
  { pomsTaskID: 2 ** 60 },
  { done: null },
  { done: true },
  { done: undefined },
  { error: 'boom' },
  { error: { message: 'x' } },
  { error: undefined },
  { running: '12' },
  { running: ' 3 ' },
  { running: null },
  { running: undefined },
  { njobs: 40 },
  { njobs: null },
  { submitTime: 1711965723 },
  { submitTime: '2024-04-01T10:02:03' },
  { submitTime: null },
  { args: null },
  { args: undefined },
  { command: 'run.sh', status: 'x', SAM_PROJECT: 'p', OTHER: 5 },
];
const DECLINED: Array<[string, unknown]> = [
  ['not an object', 'x'],
  ['an array', [BASE]],
  ['no id', { ...BASE, id: undefined }],
  ['a numeric id', { ...BASE, id: 5 }],
  ['a boolean task id', { ...BASE, pomsTaskID: true }],
  ['a string done', { ...BASE, done: 'yes' }],
  ['a junk count', { ...BASE, running: 'many' }],
  ['a negative string count', { ...BASE, held: '-1' }],
  ['a boolean count', { ...BASE, idle: false }],
  ['a string njobs', { ...BASE, njobs: '4' }],
  ['a boolean submitTime', { ...BASE, submitTime: true }],
  ['numeric args', { ...BASE, args: 3 }],
];

describe('plain Lens entries (no zod)', () => {
  it.each(VARIANTS.map((v) => [JSON.stringify(v), v]))('%s: the same entry as the schema', (_, v) => {
    const value = { ...BASE, ...(v as object) };
    const plain = plainLensEntry(value);
    expect(plain).toBeDefined();
    expect(plain).toStrictEqual(lensEntrySchema.parse(value));
    expect(Object.keys(plain!)).toEqual(Object.keys(lensEntrySchema.parse(value)));
  });

  it.each(DECLINED)('declines %s, which the schema judges', (_, value) => {
    expect(plainLensEntry(value)).toBeUndefined();
    expect(lensEntrySchema.safeParse(value).success).toBe(false);
  });

  it('a batched answer names the bad entry as before', () => {
    const raw = JSON.stringify({ data: { j0: BASE, j1: { ...BASE, running: 'many' } } });
    const aliases = [
      { alias: 'j0', key: { jobId: '1.0@a' } },
      { alias: 'j1', key: { jobId: '2.0@a' } },
    ];
    expect(() => parseBatchedAnswer(raw, aliases)).toThrow(/bad submission at j1/);
  });

  it('the envelope without errors is the data as sent; other shapes still go through the schema', () => {
    expect(parseLensEnvelope('{"data":{"a":1}}')).toEqual({ data: { a: 1 }, errors: [] });
    expect(parseLensEnvelope('{"data":{"a":1},"errors":null}')).toEqual({ data: { a: 1 }, errors: [] });
    expect(parseLensEnvelope('{"data":null,"errors":[{"message":"m","path":["a"]}]}')).toEqual({
      data: {},
      errors: [{ message: 'm', path: ['a'] }],
    });
    expect(() => parseLensEnvelope('{"data":[1]}')).toThrow(/not a GraphQL response/);
    expect(() => parseLensEnvelope('{"data":{},"errors":"x"}')).toThrow(/not a GraphQL response/);
  });
});
