import { invalid } from './errors.js';

// Python's `template % mapping` for the subset POMS templates use: `%(name)s` is replaced by
// mapping[name] and `%%` by `%`. Any other `%` is an error, as in Python (`%s` with a mapping, a
// stray `%`, or a conversion other than `s` are refused rather than guessed at).

export interface PercentFormatOptions {
  /** Human name of the template, used in messages, e.g. "job type parameter '-c '". */
  where: string;
  /** ProblemDetail.field for the error, e.g. "definition_parameters". */
  field?: string;
  /** Applied to each substituted value (not to the template text), e.g. shell quoting. */
  transform?: (value: string) => string;
}

type Piece = { text: string } | { key: string; at: number };

function parse(template: string, opts: PercentFormatOptions): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c !== '%') {
      text += c;
      i += 1;
      continue;
    }
    const next = template[i + 1];
    if (next === '%') {
      text += '%';
      i += 2;
      continue;
    }
    if (next !== '(') throw stray(template, i, opts);
    const close = template.indexOf(')', i + 2);
    if (close < 0) throw fail(`Unclosed '%(' at position ${i + 1} in ${opts.where}`, opts);
    const key = template.slice(i + 2, close);
    if (template[close + 1] !== 's') {
      throw fail(
        `Unsupported format after %(${key}) at position ${i + 1} in ${opts.where}: only %(${key})s is supported (write %% for a literal %)`,
        opts,
      );
    }
    if (text) pieces.push({ text });
    text = '';
    pieces.push({ key, at: i + 1 });
    i = close + 2;
  }
  if (text) pieces.push({ text });
  return pieces;
}

function fail(message: string, opts: PercentFormatOptions) {
  return invalid(message, [{ field: opts.field, message }]);
}

function stray(template: string, i: number, opts: PercentFormatOptions) {
  const shown = template.slice(i, i + 2);
  return fail(`Stray '%' at position ${i + 1} ('${shown}') in ${opts.where}: write %% for a literal %`, opts);
}

/** Substitutes `%(key)s` and `%%`; throws AppError (invalid) naming the key and `where` on problems. */
export function percentFormat(
  template: string,
  values: Readonly<Record<string, string>>,
  opts: PercentFormatOptions,
): string {
  const transform = opts.transform ?? ((v: string) => v);
  return parse(template, opts)
    .map((p) => {
      if ('text' in p) return p.text;
      if (!Object.hasOwn(values, p.key)) {
        const known = Object.keys(values).sort().join(', ');
        throw fail(`Unknown key '${p.key}' in %(${p.key})s in ${opts.where} (known keys: ${known})`, opts);
      }
      return transform(values[p.key]);
    })
    .join('');
}

/** The keys a template refers to, in order of first use; throws like percentFormat on bad syntax. */
export function percentKeys(template: string, opts: PercentFormatOptions): string[] {
  const keys = parse(template, opts).flatMap((p) => ('key' in p ? [p.key] : []));
  return [...new Set(keys)];
}
