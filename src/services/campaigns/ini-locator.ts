import { lexIni } from '../../domain/ini/lex-ini.js';
import { ProblemList } from '../../domain/ini/problem-list.js';

/** Line of `[section]`'s `key` (or of the section header), in the file being imported. */
export type Locate = (section: string, key?: string) => number | undefined;

/**
 * Finds where the importer's own findings (unknown job type, missing field, bad split type) are
 * in the file, using the codec's lexer; a document without a file has no lines.
 */
export function iniLocator(input?: string | Uint8Array): Locate {
  if (input === undefined) return () => undefined;
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  const sections = new Map(lexIni(text, new ProblemList()).map((s) => [s.label, s]));
  return (section, key) => {
    const s = sections.get(section);
    if (!s) return undefined;
    return (key ? s.entries.find((e) => e.key === key)?.line : undefined) ?? s.line;
  };
}
