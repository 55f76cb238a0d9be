import { invalid } from '../../lib/errors.js';
import { countParam } from './split-params.js';
import { accumulateSnapshot, cursorOrZero, define } from './split-writes.js';
import { defineSplitType, dialectOf } from './split-type.js';

export const stagedfilesSplit = defineSplitType<number>({
  name: 'stagedfiles',
  syntax: 'stagedfiles(n)',
  example: 'stagedfiles(50)',
  description:
    'Watches a project that is prestaging files (SAM, or Data Dispatcher on MetaCat) and launches at ' +
    'most n newly consumed (staged) files at a time, remembering what was delivered in a snapshot.',
  dataset: 'The name of the SAM project doing the prestaging (MetaCat: the Data Dispatcher project id).',
  cursor: 'SAM snapshot id of all files delivered so far (none at the start).',
  params: [{ name: 'n', description: 'Files per launch, a whole number ≥ 1.' }],
  parse: (args, problems) => countParam('stagedfiles', args, problems),
  async run(n, input, ctx, opts) {
    const project = input.dataset;
    const last = cursorOrZero(input.cursor);
    const d = dialectOf(ctx);
    const exhausted = {
      kind: 'exhausted',
      reason: `stagedfiles(${n}): no newly staged files in project ${project}`,
    } as const;
    const consumed = ctx.sam.stagedFiles ? await ctx.sam.stagedFiles(project) : undefined;
    if (consumed?.length === 0) return exhausted;
    const dims = d.staged(project, last, n, consumed);
    if (dims === null) {
      const message = `stagedfiles(${n}) reads a project's consumed files; this experiment's data service has no project port`;
      throw invalid(message, [{ field: 'split_type', message }]);
    }
    if ((await ctx.sam.countFiles(dims)) === 0) return exhausted;
    const base = d.stagedName(project);
    const slice = await define(ctx, opts, `${base}_slice_${last}_stage_${n}`, dims);
    const definitions = [slice];
    if (opts.dryRun) return { kind: 'dataset', dataset: slice.name, cursor: input.cursor, definitions };
    const full = `${base}_full_${last}_stage_${n}`;
    const cursor = await accumulateSnapshot(ctx, slice.name, last, full, definitions);
    return { kind: 'dataset', dataset: slice.name, cursor, definitions };
  },
});
