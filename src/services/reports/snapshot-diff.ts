// "Changed since this launch": a snapshot a submission launched with against what a launch of
// its stage would snapshot now. Contents are compared field by field (nested objects by path;
// lists, such as parameter pairs, as whole values).

export interface ConfigChange {
  /** Dotted path, e.g. `softwareVersion`, `campaign.keywords.version`. */
  path: string;
  /** JSON text of the value at launch and now; null when absent on that side. */
  then: string | null;
  now: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Differences between two snapshot contents, in path order. */
export function diffContents(then: unknown, now: unknown, prefix = ''): ConfigChange[] {
  if (isObject(then) && isObject(now)) {
    const keys = [...new Set([...Object.keys(then), ...Object.keys(now)])].sort();
    return keys.flatMap((k) => diffContents(then[k], now[k], prefix ? `${prefix}.${k}` : k));
  }
  const a = text(then);
  const b = text(now);
  return a === b ? [] : [{ path: prefix || '(whole)', then: a, now: b }];
}
