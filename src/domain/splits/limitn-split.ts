import { countParam } from './split-params.js';
import { define } from './split-writes.js';
import { defineSplitType, dialectOf } from './split-type.js';

export const limitnSplit = defineSplitType<number>({
  name: 'limitn',
  syntax: 'limitn(n)',
  example: 'limitn(10)',
  description:
    'Every launch runs on the first n files of the dataset (a new definition each time, same files). ' +
    'Useful for trying a stage on a small sample.',
  dataset: 'A SAM definition.',
  cursor: 'Not used (left unchanged).',
  params: [{ name: 'n', description: 'Files per launch, a whole number ≥ 1.' }],
  parse: (args, problems) => countParam('limitn', args, problems),
  async run(n, input, ctx, opts) {
    const dims = dialectOf(ctx).first(input.dataset, n);
    if ((await ctx.sam.countFiles(dims)) === 0) {
      return { kind: 'exhausted', reason: `limitn(${n}): ${input.dataset} has no files` };
    }
    const def = await define(ctx, opts, `${input.dataset}_${ctx.newId()}_limit${n}`, dims);
    return { kind: 'dataset', dataset: def.name, cursor: input.cursor, definitions: [def] };
  },
});
