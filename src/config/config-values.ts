import * as z from 'zod';

// Value types every config section uses. Values arrive as strings from the ini file or the
// environment, so numbers and booleans are coerced; an empty string means "not set".
export const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
export const bool = z.preprocess((v) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|yes|on|1)$/i.test(v)) return true;
  if (typeof v === 'string' && /^(false|no|off|0)$/i.test(v)) return false;
  return v;
}, z.boolean());
export const port = z.coerce.number().int().min(0).max(65535);
export const seconds = z.coerce.number().positive();
export const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
export const mode = z.enum(['real', 'sim']);
export const optionalText = z.preprocess(emptyToUndefined, z.string().optional());
/** A comma list (`a, b`) or an ini array (`k[] = a`) of items each checked by `item`. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );
/** A comma list (`a, b`) or an ini array (`k[] = a`). */
export const list = listOf(z.string());
/** Shell lines: an ini array (`k[] = line`), or one text with a line per line (from the environment). */
export const lines = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/\r?\n/).filter((l) => l.trim() !== '') : v),
  z.array(z.string()),
);
