/**
 * A text value as reading it back from the file gives it: line breaks as "\n", each line trimmed,
 * lines after the first that start with `#` or `;` dropped (the format reads them as comments),
 * blank lines at both ends dropped.
 */
export function normaliseText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line, i) => i === 0 || !(line.startsWith('#') || line.startsWith(';')))
    .join('\n')
    .trim();
}

/** `key=value` lines; further lines of a multi-line value are indented (blank ones left empty). */
export function formatEntry(key: string, value: string): string[] {
  const [first, ...rest] = normaliseText(value).split('\n');
  return [`${key}=${first}`, ...rest.map((line) => (line === '' ? '' : `    ${line}`))];
}
