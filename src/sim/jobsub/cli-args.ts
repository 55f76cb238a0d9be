// A small getopt for the jobsub commands: `--opt value`, `--opt=value`, `-X value`, `-Xvalue`
// (single-letter options), flags, and positionals. Options named in `valued` take a value.

export interface ParsedCli {
  /** Every value of each option, by canonical name, in order. */
  options: Map<string, string[]>;
  flags: Set<string>;
  positionals: string[];
  /** argv from the first `file://` word on (jobsub_submit's executable and its arguments). */
  rest: string[];
  errors: string[];
}

export interface CliSpec {
  /** option spelling → canonical name, for options that take a value. */
  valued: Record<string, string>;
  /** Stop at the first word starting with this (jobsub_submit: `file://`). */
  stopAt?: string;
}

export function parseCli(argv: readonly string[], spec: CliSpec): ParsedCli {
  const out: ParsedCli = { options: new Map(), flags: new Set(), positionals: [], rest: [], errors: [] };
  const add = (name: string, value: string) =>
    out.options.set(name, [...(out.options.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (spec.stopAt && w.startsWith(spec.stopAt)) {
      out.rest = argv.slice(i);
      break;
    }
    if (w === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!w.startsWith('-') || w === '-') {
      out.positionals.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const head = eq > 0 && w.startsWith('--') ? w.slice(0, eq) : w;
    if (spec.valued[head] !== undefined) {
      if (head !== w) add(spec.valued[head], w.slice(eq + 1));
      else if (i + 1 < argv.length) add(spec.valued[head], argv[++i]);
      else out.errors.push(`argument ${head}: expected one argument`);
      continue;
    }
    const short = /^-[A-Za-z]/.test(w) && !w.startsWith('--') ? w.slice(0, 2) : undefined;
    if (short && w.length > 2 && spec.valued[short] !== undefined) {
      add(spec.valued[short], w.slice(2).replace(/^=/, ''));
      continue;
    }
    if (head !== w) add(head, w.slice(eq + 1));
    else out.flags.add(w);
  }
  return out;
}

export const last = (p: ParsedCli, name: string): string | undefined => p.options.get(name)?.at(-1);
export const all = (p: ParsedCli, name: string): string[] => p.options.get(name) ?? [];
