import { invalid, type ProblemDetail } from '../../lib/errors.js';
import { byexistingrunsSplit } from './byexistingruns-split.js';
import { byrunSplit } from './byrun-split.js';
import { drainingSplit } from './draining-split.js';
import { drainingnSplit } from './drainingn-split.js';
import { limitnSplit } from './limitn-split.js';
import { listSplit } from './list-split.js';
import { modSplit } from './mod-split.js';
import { multiparamSplit } from './multiparam-split.js';
import { newLocalSplit, newSplit } from './new-split.js';
import { nfilesSplit } from './nfiles-split.js';
import { noneSplit } from './none-split.js';
import { readSplitSpec, type SplitArgs } from './split-spec.js';
import { stagedfilesSplit } from './stagedfiles-split.js';
import type { SplitContext, SplitInput, SplitOptions, SplitResult, SplitType } from './split-type.js';

/** Every split type, in the order the UI picker lists them. */
export const splitTypes: readonly SplitType[] = [
  noneSplit,
  drainingSplit,
  listSplit,
  modSplit,
  nfilesSplit,
  limitnSplit,
  drainingnSplit,
  stagedfilesSplit,
  byrunSplit,
  byexistingrunsSplit,
  newSplit,
  newLocalSplit,
  multiparamSplit,
];

const byName = new Map<string, SplitType>(splitTypes.map((t) => [t.name, t]));

// Names are matched case-insensitively; "", "None" and "none" mean no split. `mod_3`-style
// spellings (accepted by accident in the original's parser) are refused with the right spelling.
function lookup(args: SplitArgs): SplitType | { problem: string } {
  const name = args.name.toLowerCase();
  if (name === '') return noneSplit;
  const found = byName.get(name);
  if (found) return found;
  const numbered = /^([a-z]+)_(\d+)$/.exec(name);
  if (numbered && byName.has(numbered[1])) {
    return { problem: `Split type '${args.name}' is not valid: write ${numbered[1]}(${numbered[2]})` };
  }
  const near = splitTypes.find((t) => t.name.replaceAll('_', '') === name.replaceAll('_', ''));
  if (near) return { problem: `Unknown split type '${args.name}': did you mean ${near.syntax}?` };
  const known = splitTypes.map((t) => t.syntax).join(', ');
  return { problem: `Unknown split type '${args.name}' (known types: ${known})` };
}

/**
 * Everything wrong with a split spec (and, when given, with the dataset field for that type), one
 * ProblemDetail per problem; [] when it is usable. Reads nothing from SAM.
 */
export function validateSplitSpec(
  spec: string | null | undefined,
  opts: { dataset?: string; field?: string } = {},
): ProblemDetail[] {
  const field = opts.field ?? 'split_type';
  const args = readSplitSpec(spec);
  if ('problem' in args) return [{ field, message: args.problem }];
  const type = lookup(args);
  if ('problem' in type) return [{ field, message: type.problem }];
  const problems = type.checkArgs(args).map((message) => ({ field, message }));
  if (opts.dataset === undefined) return problems;
  return [...problems, ...type.checkDataset(opts.dataset).map((message) => ({ field: 'dataset', message }))];
}

/** The split type a spec names; throws AppError (invalid) when the spec cannot be read or named. */
export function findSplitType(spec: string | null | undefined, field = 'split_type'): SplitType {
  const args = readSplitSpec(spec);
  const type = 'problem' in args ? args : lookup(args);
  if ('problem' in type) throw invalid(type.problem, [{ field, message: type.problem }]);
  return type;
}

/** The next dataset for a launch with `input.spec`; see SplitType.next. */
export async function nextSplit(
  input: SplitInput,
  ctx: SplitContext,
  opts: SplitOptions,
): Promise<SplitResult> {
  return findSplitType(input.spec, input.field).next(input, ctx, opts);
}
