import type { LoginSetupDocument } from './campaign-document.js';
import type { IniSection } from './lex-ini.js';
import type { ProblemList } from './problem-list.js';
import { readOneLine } from './scalar-codecs.js';
import { reportMissingKey, reportUnknownKey, whereOf } from './section-where.js';

const KEYS = ['host', 'account', 'setup'] as const;

/** [login_setup NAME]: host and account (one line, not empty) and setup (any text, may be empty). */
export function readLoginSetup(section: IniSection, name: string, problems: ProblemList): LoginSetupDocument {
  const doc: LoginSetupDocument = { name, host: '', account: '', setup: '' };
  for (const entry of section.entries) {
    const where = whereOf(section, entry);
    if (entry.key === 'setup') doc.setup = entry.value;
    else if (entry.key === 'host' || entry.key === 'account') {
      if (entry.value === '') problems.error(where, `The launch ${entry.key} is empty`);
      else doc[entry.key] = problems.take(where, readOneLine(entry.value)) ?? '';
    } else reportUnknownKey(problems, section, entry, KEYS.join(', '));
  }
  for (const key of KEYS) {
    if (!section.entries.some((e) => e.key === key)) reportMissingKey(problems, section, key);
  }
  return doc;
}
