import { noParams } from './split-params.js';
import { cursorOrZero } from './split-writes.js';
import { defineSplitType } from './split-type.js';

const SHAPE = 'a JSON list of non-empty lists of strings, e.g. [["a","b"],["c","d"]]';

/** The lists of a multiparam dataset, or the message saying what is wrong with it. */
export function multiparamLists(dataset: string): string[][] | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(dataset);
  } catch (e) {
    return {
      problem: `multiparam: the dataset field must be ${SHAPE}; it is not JSON (${(e as Error).message})`,
    };
  }
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((l) => Array.isArray(l) && l.length > 0 && l.every((s) => typeof s === 'string'));
  return ok ? (value as string[][]) : { problem: `multiparam: the dataset field must be ${SHAPE}` };
}

export const multiparamSplit = defineSplitType<null>({
  name: 'multiparam',
  syntax: 'multiparam()',
  example: 'multiparam()',
  description:
    'Launches every combination of one value from each list, joined with "_" (the first list varies ' +
    'fastest). The result is a plain string for %(dataset)s, not a SAM definition.',
  dataset: SHAPE,
  cursor: 'Index (0-based) of the next combination.',
  params: [],
  parse(args, problems) {
    noParams('multiparam()', args, problems);
    return null;
  },
  checkDataset(dataset) {
    const lists = multiparamLists(dataset);
    return 'problem' in lists ? [lists.problem] : [];
  },
  async run(_params, input) {
    const lists = multiparamLists(input.dataset) as string[][];
    const total = lists.reduce((n, l) => n * l.length, 1);
    const k = cursorOrZero(input.cursor);
    if (k >= total)
      return { kind: 'exhausted', reason: `multiparam: all ${total} combinations have been launched` };
    let rest = k;
    const parts = lists.map((l) => {
      const item = l[rest % l.length];
      rest = Math.floor(rest / l.length);
      return item;
    });
    return { kind: 'dataset', dataset: parts.join('_'), cursor: k + 1, definitions: [], plain: true };
  },
});
