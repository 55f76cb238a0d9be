import { countParam } from './split-params.js';
import { cursorOrZero, define } from './split-writes.js';
import { defineSplitType, dialectOf } from './split-type.js';

export const modSplit = defineSplitType<number>({
  name: 'mod',
  syntax: 'mod(n)',
  example: 'mod(3)',
  description: 'Cuts the dataset into n slices by file position (every n-th file), one slice per launch.',
  dataset: 'A SAM definition.',
  cursor: 'Index (0-based) of the next slice.',
  params: [{ name: 'n', description: 'Number of slices, a whole number ≥ 1.' }],
  parse: (args, problems) => countParam('mod', args, problems),
  async run(n, input, ctx, opts) {
    const k = cursorOrZero(input.cursor);
    if (k >= n) return { kind: 'exhausted', reason: `mod(${n}): all ${n} slices have been launched` };
    const name = `${input.dataset}_slice${k}_of_${n}`;
    const def = await define(ctx, opts, name, dialectOf(ctx).stride(input.dataset, n, k));
    return { kind: 'dataset', dataset: name, cursor: k + 1, definitions: [def] };
  },
});
