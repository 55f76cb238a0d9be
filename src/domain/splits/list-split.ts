import { noParams } from './split-params.js';
import { cursorOrZero } from './split-writes.js';
import { defineSplitType } from './split-type.js';

/** The names in a list dataset: comma-separated, blanks around names dropped, empty items skipped. */
export function listItems(dataset: string): string[] {
  return dataset
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const listSplit = defineSplitType<null>({
  name: 'list',
  syntax: 'list',
  example: 'list',
  description: 'Launches the comma-separated datasets of the dataset field one after the other.',
  dataset: 'Comma-separated dataset names, e.g. a,b,c.',
  cursor: 'Index (0-based) of the next name to launch.',
  params: [],
  parse(args, problems) {
    noParams('list', args, problems);
    return null;
  },
  checkDataset(dataset) {
    return listItems(dataset).length > 0
      ? []
      : ['list: the dataset field must hold comma-separated dataset names'];
  },
  async run(_params, input) {
    const items = listItems(input.dataset);
    const k = cursorOrZero(input.cursor);
    if (k >= items.length)
      return { kind: 'exhausted', reason: `list: all ${items.length} datasets have been launched` };
    return { kind: 'dataset', dataset: items[k], cursor: k + 1, definitions: [] };
  },
});
