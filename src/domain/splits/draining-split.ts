import { noParams } from './split-params.js';
import { defineSplitType } from './split-type.js';

export const drainingSplit = defineSplitType<null>({
  name: 'draining',
  syntax: 'draining',
  example: 'draining',
  description:
    'Every launch runs on the same dataset, which is expected to shrink by itself (a SAM definition ' +
    'that excludes files already processed). Never exhausted.',
  dataset: 'A self-shrinking SAM definition.',
  cursor: 'Not used (left unchanged).',
  params: [],
  parse(args, problems) {
    noParams('draining', args, problems);
    return null;
  },
  async run(_params, input) {
    return { kind: 'dataset', dataset: input.dataset, cursor: input.cursor, definitions: [] };
  },
});
