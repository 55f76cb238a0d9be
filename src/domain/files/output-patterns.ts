// Job type `output_file_patterns`: comma-separated file-name LIKE patterns or raw dims fragments
// (a fragment therefore cannot contain a comma). Blank or missing ⇒ every file (`%`).

export function splitOutputPatterns(text: string | null | undefined): string[] {
  const patterns = (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return patterns.length > 0 ? distinctPatterns(patterns) : ['%'];
}

/** Patterns in first-seen order without repeats (after trimming; blank counts as `%`). */
export function distinctPatterns(patterns: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const p of patterns) seen.add(p.trim() === '' ? '%' : p.trim());
  return [...seen];
}

/** distinctPatterns, with no patterns meaning every file (`%`). */
export const patternsOrAll = (patterns: readonly string[]): string[] =>
  distinctPatterns(patterns.length ? patterns : ['%']);
