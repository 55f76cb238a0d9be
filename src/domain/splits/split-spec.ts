import { invalid } from '../../lib/errors.js';

// Syntax of a split spec: `name` or `name(parameters)`, parameters separated by commas, each either
// a value or `key=value`. Blanks and newlines around names, parentheses, commas and `=` are ignored.

export interface SplitArgs {
  /** The type name as written, e.g. "mod", "new_local", "None"; "" for an empty spec. */
  name: string;
  /** True when written without parentheses. */
  bare: boolean;
  /** Values without `key=`, trimmed. */
  positional: string[];
  /** `key=value` parameters in order, both sides trimmed. */
  named: Array<[key: string, value: string]>;
}

const SHAPE = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\(([^()]*)\))?\s*$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads a spec, or returns the message saying why it cannot be read. */
export function readSplitSpec(spec: string | null | undefined): SplitArgs | { problem: string } {
  const text = spec ?? '';
  if (text.trim() === '') return { name: '', bare: true, positional: [], named: [] };
  const m = SHAPE.exec(text);
  if (!m) {
    return {
      problem: `Cannot read split type '${text.trim()}': expected a name or name(parameters), e.g. mod(3) or byrun(low=1,high=4)`,
    };
  }
  const args: SplitArgs = { name: m[1], bare: m[2] === undefined, positional: [], named: [] };
  if (m[2] === undefined || m[2].trim() === '') return args;
  for (const piece of m[2].split(',')) {
    const eq = piece.indexOf('=');
    if (piece.trim() === '')
      return { problem: `Empty parameter in split type '${text.trim()}' (stray comma?)` };
    if (eq < 0) {
      args.positional.push(piece.trim());
      continue;
    }
    const key = piece.slice(0, eq).trim();
    if (!KEY.test(key)) return { problem: `Bad parameter name '${key}' in split type '${text.trim()}'` };
    args.named.push([key, piece.slice(eq + 1).trim()]);
  }
  return args;
}

/** Like readSplitSpec but throws AppError (invalid) with `field` in its details. */
export function parseSplitSpec(spec: string | null | undefined, field = 'split_type'): SplitArgs {
  const read = readSplitSpec(spec);
  if ('problem' in read) throw invalid(read.problem, [{ field, message: read.problem }]);
  return read;
}
