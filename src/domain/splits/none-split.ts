import { noParams } from './split-params.js';
import { defineSplitType } from './split-type.js';

export const noneSplit = defineSplitType<null>({
  name: 'none',
  spellings: ['', 'none'],
  syntax: 'None',
  example: 'None',
  description:
    'No split: every launch runs on the whole dataset as it is. Also written as an empty field or none.',
  dataset: 'Any dataset name.',
  cursor: 'Not used (left unchanged).',
  params: [],
  parse(args, problems) {
    noParams('None', args, problems);
    return null;
  },
  async run(_params, input) {
    return { kind: 'dataset', dataset: input.dataset, cursor: input.cursor, definitions: [] };
  },
});
