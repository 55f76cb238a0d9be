import { invalid } from '../../lib/errors.js';

// Names a launcher may give as a dataset (dataset_override): SAM definition names are letters,
// digits, `_`, `-` and `.`; MetaCat adds one `namespace:` prefix. Nothing else is a dataset name,
// and nothing here means anything to a shell.
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;
export const MAX_DATASET_NAME = 500;

/** A problem with `name` as a dataset name, or null when it is one. */
export function datasetNameProblem(name: string): string | null {
  if (name.length > MAX_DATASET_NAME) return `is longer than ${MAX_DATASET_NAME} characters`;
  if (!NAME.test(name))
    return 'must be a SAM definition name: letters, digits, _ - . (and one namespace: prefix for MetaCat)';
  return null;
}

/** Throws AppError (invalid, 400) naming `field` when `name` is not a dataset name. */
export function checkDatasetName(name: string, field = 'dataset_override'): void {
  const problem = datasetNameProblem(name);
  if (problem) {
    const message = `${field} ${problem}; got ${JSON.stringify(name.slice(0, 80))}`;
    throw invalid(message, [{ field, message }]);
  }
}
