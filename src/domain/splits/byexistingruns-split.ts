import { noParams } from './split-params.js';
import { accumulateSnapshot, cursorOrZero, define } from './split-writes.js';
import { defineSplitType, dialectOf } from './split-type.js';

export const byexistingrunsSplit = defineSplitType<null>({
  name: 'byexistingruns',
  syntax: 'byexistingruns()',
  example: 'byexistingruns()',
  description:
    'Each launch takes the run.subrun of the first not-yet-delivered file (from its SAM metadata) and ' +
    'launches all undelivered files of that run.subrun, remembering what was delivered in a SAM snapshot.',
  dataset: 'A SAM definition whose files carry run metadata.',
  cursor: 'SAM snapshot id of all files delivered so far (none at the start).',
  params: [],
  parse(args, problems) {
    noParams('byexistingruns()', args, problems);
    return null;
  },
  async run(_params, input, ctx, opts) {
    const last = cursorOrZero(input.cursor);
    const d = dialectOf(ctx);
    const base = d.undelivered(input.dataset, last);
    const [file] = await ctx.sam.listFiles(d.limit(base, 1));
    if (file === undefined) {
      return { kind: 'exhausted', reason: `byexistingruns: no undelivered files left in ${input.dataset}` };
    }
    const first = (await ctx.sam.fileMetadata(file))?.runs?.[0];
    if (!first) return { kind: 'exhausted', reason: `byexistingruns: file ${file} has no run metadata` };
    // run.subrun as the original's "%d.%04d"
    const [r, s] = [Math.trunc(first[0]), Math.trunc(first[1])];
    const run = `${r}.${String(s).padStart(4, '0')}`;
    const slice = await define(
      ctx,
      opts,
      `${input.dataset}_slice_${last}_run_${run}`,
      d.runSubrun(base, last, r, s),
    );
    const definitions = [slice];
    if (opts.dryRun) return { kind: 'dataset', dataset: slice.name, cursor: input.cursor, definitions };
    const full = `${input.dataset}_full_${last}_run_${run}`;
    const cursor = await accumulateSnapshot(ctx, slice.name, last, full, definitions);
    return { kind: 'dataset', dataset: slice.name, cursor, definitions };
  },
});
