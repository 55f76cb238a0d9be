import { invalid } from '../../lib/errors.js';
import { percentFormat } from '../../lib/percent-format.js';
import type { MergedParameter } from './merge-parameters.js';

// The launch command as argv words. Templates are split into words before substitution, so a
// substituted value (dataset, keyword, version…) always stays inside the word it was written in.

/**
 * Words of one parameter. The option is split on blanks. If it ends with a blank (`-c `) or is
 * empty, the value is a word of its own (omitted when empty, as the original's shell did);
 * otherwise the value is glued to the option's last word (`--stage=` + `reco` → `--stage=reco`).
 */
export function parameterWords(p: MergedParameter, values: Readonly<Record<string, string>>): string[] {
  const fmt = (text: string, what: string) =>
    percentFormat(text, values, { where: `${p.source} ${what}`, field: p.source });
  const option = p.option.split(/\s+/).filter((w) => w !== '');
  const words = option.map((w) => fmt(w, `option '${p.option}'`));
  const value = fmt(p.value, `value of '${p.option}'`);
  if (words.length === 0 || /\s$/.test(p.option)) {
    return value === '' ? words : [...words, value];
  }
  words[words.length - 1] += value;
  return words;
}

/** argv of the launch: the launch script's words, then each parameter's words, all substituted. */
export function buildLaunchWords(
  launchScript: string,
  parameters: readonly MergedParameter[],
  values: Readonly<Record<string, string>>,
): string[] {
  const script = launchScript.split(/\s+/).filter((w) => w !== '');
  if (script.length === 0) {
    throw invalid('The job type has no launch script', [
      { field: 'launch_script', message: 'launch script is empty' },
    ]);
  }
  const head = script.map((w) =>
    percentFormat(w, values, { where: 'launch_script', field: 'launch_script' }),
  );
  return [...head, ...parameters.flatMap((p) => parameterWords(p, values))];
}
