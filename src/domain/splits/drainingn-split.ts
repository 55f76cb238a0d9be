import { countParam } from './split-params.js';
import { accumulateSnapshot, cursorOrZero, define } from './split-writes.js';
import { defineSplitType, dialectOf } from './split-type.js';

export const drainingnSplit = defineSplitType<number>({
  name: 'drainingn',
  syntax: 'drainingn(n)',
  example: 'drainingn(100)',
  description:
    'Launches at most n not-yet-delivered files at a time, remembering what was delivered in a SAM ' +
    'snapshot, so it works on datasets that grow or change underneath.',
  dataset: 'A SAM definition (may grow).',
  cursor: 'SAM snapshot id of all files delivered so far (none at the start).',
  params: [{ name: 'n', description: 'Files per launch, a whole number ≥ 1.' }],
  parse: (args, problems) => countParam('drainingn', args, problems),
  async run(n, input, ctx, opts) {
    const last = cursorOrZero(input.cursor);
    const d = dialectOf(ctx);
    const dims = d.limit(d.undelivered(input.dataset, last), n);
    if ((await ctx.sam.countFiles(dims)) === 0) {
      return { kind: 'exhausted', reason: `drainingn(${n}): no undelivered files left in ${input.dataset}` };
    }
    const slice = await define(ctx, opts, `${input.dataset}_slice_${last}_stage_${n}`, dims);
    const definitions = [slice];
    if (opts.dryRun) return { kind: 'dataset', dataset: slice.name, cursor: input.cursor, definitions };
    const epoch = Math.floor(ctx.now().getTime() / 1000);
    const full = `${input.dataset}_full_${last}_stage_${n}_${epoch}`;
    const cursor = await accumulateSnapshot(ctx, slice.name, last, full, definitions);
    return { kind: 'dataset', dataset: slice.name, cursor, definitions };
  },
});
