import { countParam } from './split-params.js';
import { cursorOrZero, define } from './split-writes.js';
import { defineSplitType, dialectOf } from './split-type.js';

export const nfilesSplit = defineSplitType<number>({
  name: 'nfiles',
  syntax: 'nfiles(n)',
  example: 'nfiles(50)',
  description: 'Launches n files at a time, in file order, until the dataset runs out.',
  dataset: 'A SAM definition.',
  cursor: 'Index (0-based) of the next slice; the slice starts at file index × n.',
  params: [{ name: 'n', description: 'Files per launch, a whole number ≥ 1.' }],
  parse: (args, problems) => countParam('nfiles', args, problems),
  async run(n, input, ctx, opts) {
    const k = cursorOrZero(input.cursor);
    const dims = dialectOf(ctx).slice(input.dataset, n, k * n);
    if ((await ctx.sam.countFiles(dims)) === 0) {
      return {
        kind: 'exhausted',
        reason: `nfiles(${n}): no files left at offset ${k * n} of ${input.dataset}`,
      };
    }
    const def = await define(ctx, opts, `${input.dataset}_slice${k}_files${n}`, dims);
    return { kind: 'dataset', dataset: def.name, cursor: k + 1, definitions: [def] };
  },
});
