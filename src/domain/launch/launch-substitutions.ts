import { invalid } from '../../lib/errors.js';
import { percentFormat } from '../../lib/percent-format.js';
import { SETUP_VARIABLES } from '../../lib/remote-script/index.js';

export interface SubstitutionInput {
  /** Campaign keywords (campaign_keywords): name → text. */
  keywords?: Readonly<Record<string, unknown>> | null;
  dataset: string;
  /** The stage's software_version. */
  version: string;
  group: string;
  /** Username of the person launching (%(experimenter)s). */
  experimenter: string;
  experiment: string;
}

export interface Substitutions {
  /** For the launch script and parameters: keywords ∪ the fixed keys (fixed keys win). */
  command: Record<string, string>;
  /** For the login setup text: the fixed keys only, as in the original (a setup serves many campaigns). */
  setup: {
    dataset: string;
    parameter: string;
    version: string;
    group: string;
    experimenter: string;
    experiment: string;
  };
}

function keywordMap(keywords: SubstitutionInput['keywords']): Record<string, string> {
  const entries = Object.entries(keywords ?? {}).map(([k, v]) => {
    if (typeof v === 'string') return [k, v] as const;
    const message = `campaign keyword '${k}' must be text, got ${JSON.stringify(v)}`;
    throw invalid(message, [{ field: 'campaign_keywords', message }]);
  });
  // fromEntries defines own properties, so a keyword named __proto__ stays an ordinary key
  return Object.fromEntries(entries);
}

/**
 * The `%(key)s` values of a launch: dataset, parameter (= dataset), version, group, experimenter,
 * experiment, plus the campaign keywords. Dataset and version are first expanded with the keywords
 * when they contain `%(`; substituted text is never expanded again.
 */
/** The setup variables with their values, each once, in a fixed order. */
export function setupEnv(setup: Substitutions['setup']): Array<[string, string]> {
  const seen = new Map<string, string>();
  for (const [key, name] of Object.entries(SETUP_VARIABLES))
    if (!seen.has(name)) seen.set(name, setup[key as keyof typeof setup]);
  return [...seen];
}

export function launchSubstitutions(input: SubstitutionInput): Substitutions {
  const keywords = keywordMap(input.keywords);
  const expand = (text: string, field: string) =>
    text.includes('%(') ? percentFormat(text, keywords, { where: field, field }) : text;
  const dataset = expand(input.dataset, 'dataset');
  const setup = {
    dataset,
    parameter: dataset,
    version: expand(input.version, 'software_version'),
    group: input.group,
    experimenter: input.experimenter,
    experiment: input.experiment,
  };
  return { command: { ...keywords, ...setup }, setup };
}
