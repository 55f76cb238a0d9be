import { keyedParams, wholeNumber } from './split-params.js';
import { define } from './split-writes.js';
import { defineSplitType, dialectOf } from './split-type.js';

interface ByrunParams {
  low: number;
  high: number;
}

const DEFAULTS: ByrunParams = { low: 1, high: 999999 };

export const byrunSplit = defineSplitType<ByrunParams>({
  name: 'byrun',
  syntax: 'byrun(low=,high=)',
  example: 'byrun(low=1,high=100)',
  description:
    'Launches one run number per launch, from low to high inclusive (empty runs are launched too).',
  dataset: 'A SAM definition.',
  cursor: 'The next run number to launch (starts at low).',
  params: [
    { name: 'low', default: String(DEFAULTS.low), description: 'First run number, a whole number.' },
    {
      name: 'high',
      default: String(DEFAULTS.high),
      description: 'Last run number (included), a whole number.',
    },
  ],
  parse(args, problems) {
    const given = keyedParams('byrun', args, ['low', 'high'], problems);
    const out = { ...DEFAULTS };
    for (const key of ['low', 'high'] as const) {
      const text = given.get(key);
      if (text === undefined) continue;
      const n = wholeNumber(text);
      if (n === null) problems.push(`byrun: ${key} must be a whole number ≥ 0, got '${text}'`);
      else out[key] = n;
    }
    if (out.low > out.high)
      problems.push(`byrun: low (${out.low}) must not be greater than high (${out.high})`);
    return out;
  },
  async run({ low, high }, input, ctx, opts) {
    const run =
      input.cursor === null || !Number.isSafeInteger(input.cursor) || input.cursor < low ? low : input.cursor;
    if (run > high) {
      return {
        kind: 'exhausted',
        reason: `byrun(low=${low},high=${high}): runs ${low} to ${high} have all been launched`,
      };
    }
    const name = `${input.dataset}_${ctx.newId()}_run_${run}`;
    const def = await define(ctx, opts, name, dialectOf(ctx).run(input.dataset, run));
    return { kind: 'dataset', dataset: name, cursor: run + 1, definitions: [def] };
  },
});
