// ConfigParser-compatible reading of .ini text (no interpolation), as the original used:
// `key = value` or `key: value` (split at the first `=` or `:`), keys folded to lower case, values
// trimmed; whole-line `#`/`;` comments (never inline); a line indented deeper than its key line
// continues the value (lines trimmed, joined with "\n", inner blank lines kept, comment lines
// skipped); duplicate sections and duplicate keys are errors (the second one is dropped).

import type { ProblemList, Where } from './problem-list.js';

export interface IniEntry {
  /** Lower case. */
  key: string;
  /** Trimmed; continuation lines joined with "\n". */
  value: string;
  line: number;
}

export interface IniSection {
  kind: string;
  /** Text after the first blank of the header, trimmed; undefined when there is none. */
  name?: string;
  /** `kind` or `kind name`: how problems name the section. */
  label: string;
  line: number;
  entries: IniEntry[];
}

interface OpenValue {
  entry: IniEntry;
  indent: number;
  lines: string[];
  blanks: number;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

export function lexIni(text: string, problems: ProblemList): IniSection[] {
  const sections: IniSection[] = [];
  const seen = new Map<string, IniSection>();
  const keyLines = new Map<IniSection, Map<string, number>>();
  let current: IniSection | undefined;
  let label: string | undefined; // of the last header read, even an unusable one
  let ignoring = false; // inside a section already reported as unusable
  let open: OpenValue | undefined;

  const close = () => {
    if (open) open.entry.value = open.lines.join('\n').trim();
    open = undefined;
  };

  const header = (trimmed: string, line: number) => {
    const inner = trimmed.endsWith(']') ? trimmed.slice(1, -1).trim() : '';
    const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(inner);
    current = undefined;
    label = undefined;
    ignoring = true;
    if (!m) {
      problems.error({ line }, `Malformed section header '${clip(trimmed)}'; expected [kind] or [kind name]`);
      return;
    }
    const name = m[2]?.trim() || undefined;
    label = name === undefined ? m[1] : `${m[1]} ${name}`;
    const first = seen.get(label);
    if (first) {
      problems.error({ line, section: label }, `Duplicate section [${label}]; first at line ${first.line}`);
      return;
    }
    current = { kind: m[1], name, label, line, entries: [] };
    ignoring = false;
    seen.set(label, current);
    keyLines.set(current, new Map());
    sections.push(current);
  };

  const keyLine = (raw: string, trimmed: string, line: number) => {
    const at = trimmed.search(/[=:]/);
    const key = at < 0 ? '' : trimmed.slice(0, at).trim().toLowerCase();
    const entry: IniEntry = { key, value: '', line };
    open = {
      entry,
      indent: raw.length - raw.trimStart().length,
      lines: [trimmed.slice(at + 1).trim()],
      blanks: 0,
    };
    const where: Where = label === undefined ? { line } : { line, section: label };
    if (at < 0)
      return problems.error(where, `Expected 'key = value' or 'key: value', got '${clip(trimmed)}'`);
    if (key === '') return problems.error(where, `Missing key before '${trimmed[at]}'`);
    if (ignoring) return;
    if (!current) {
      return problems.error(
        { line, key },
        'Line is not in any section; the file must start with a [section] header',
      );
    }
    const lines = keyLines.get(current) as Map<string, number>;
    const first = lines.get(key);
    if (first !== undefined)
      return problems.error({ ...where, key }, `Duplicate key '${key}'; first at line ${first}`);
    lines.set(key, line);
    current.entries.push(entry);
  };

  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (trimmed === '') {
      if (open) open.blanks += 1;
      return;
    }
    if (open && raw.length - raw.trimStart().length > open.indent) {
      for (; open.blanks > 0; open.blanks--) open.lines.push('');
      open.lines.push(trimmed);
      open.blanks = 0;
      return;
    }
    close();
    if (trimmed.startsWith('[')) header(trimmed, i + 1);
    else keyLine(raw, trimmed, i + 1);
  });
  close();
  return sections;
}
