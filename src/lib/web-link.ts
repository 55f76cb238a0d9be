import * as z from 'zod';

// Links people store (an experiment's logbook…) are followed by other people's browsers: only
// http and https may become a link; `javascript:`, `data:` and the rest would run in our origin.

/** The URL when it is an absolute http(s) URL, else null. */
export function webLink(v: unknown): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A stored link: an http(s) URL, or '' for none. */
export const webLinkSchema = z.union([
  z.literal(''),
  z
    .string()
    .trim()
    .max(2000)
    .refine((v) => webLink(v) !== null, 'must be an http:// or https:// address'),
]);
