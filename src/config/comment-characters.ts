// The ini reader ends a value at an unquoted `#` or `;` (the rest is read as a comment), so a
// database password `pa#ss` would silently become `pa`. Such values must be quoted; this finds
// the ones that are not, by line, before anything is read.

const QUOTED = /^(".*"|'.*')$/;

/** One problem per `key = value` line whose unquoted value holds `#` or `;`. */
export function commentCharacterProblems(text: string, file: string): string[] {
  const problems: string[] = [];
  let section = '';
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      return;
    }
    const at = line.indexOf('=');
    if (at < 0) return;
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (QUOTED.test(value) || !/[#;]/.test(value)) return;
    const envName = `POMS_${section}_${key.replace(/\[\]$/, '')}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    problems.push(
      `config file ${file} line ${i + 1}: [${section}] ${key}: the value holds '#' or ';', where the ` +
        `ini format would cut it off as a comment; write it in double quotes ("…"), or set ${envName} ` +
        'in the environment instead (comments go on lines of their own)',
    );
  });
  return problems;
}
