import type { Request } from 'express';

export const isPath = (p: unknown): p is string =>
  typeof p === 'string' && p.startsWith('/') && !p.startsWith('//') && !p.includes('\\');

/**
 * Where a form post came from, as a same-site path: its `back` field when it is one, else the
 * Referer when it points at this host; undefined otherwise (never an outside address).
 */
export function sameSitePath(req: Request): string | undefined {
  const field = (req.body as Record<string, unknown> | undefined)?.back;
  if (isPath(field)) return field;
  const ref = req.get('referer');
  if (!ref) return undefined;
  try {
    const u = new URL(ref);
    return u.host === req.get('host') ? u.pathname + u.search : undefined;
  } catch {
    return undefined;
  }
}
