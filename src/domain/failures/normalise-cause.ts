// Failure causes are grouped by their text with the parts that differ between two occurrences of
// the same cause masked: URLs, times, job ids, IP addresses, paths, host names, long hex and ids,
// and every remaining number. Pure; the masks are fixed words so a cause reads naturally.

const RULES: Array<[RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b\d+(\.\d+)?@[\w.-]+/g, '<job>'],
  [/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '<ip>'],
  [/(^|[\s"'=(:,[])(~?\/[^\s"'(),:;[\]]+)+/g, '$1<path>'],
  [/\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\.[a-z]{2,}(:\d+)?\b/gi, '<host>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  [/\d+(\.\d+)?/g, '<n>'],
];

/** At most this many characters of a normalised cause are kept. */
export const CAUSE_MAX = 300;

/**
 * The cause text with variable parts masked, a leading time stamp (a log line's) dropped, whitespace
 * collapsed, trimmed, at most CAUSE_MAX characters.
 */
export function normaliseCause(text: string): string {
  let s = text.replace(/\s+/g, ' ').trim();
  for (const [re, mask] of RULES) s = s.replace(re, mask);
  s = s.replace(/^<time>\s*/, '');
  return s.length > CAUSE_MAX ? `${s.slice(0, CAUSE_MAX - 1)}…` : s;
}
