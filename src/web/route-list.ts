import type { Express } from 'express';

// Every route the app answers, read from Express's own router stack (routers mounted inside
// routers included), so a list built from it cannot miss a route someone adds: the authorization
// matrix test classifies each one and fails on a route it does not know.

export interface RouteEntry {
  method: string;
  /** Express path, with the mount prefix, e.g. '/experiments/:exp/campaigns/:id/launch'. */
  path: string;
}

interface Layer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const join = (prefix: string, p: string) => (prefix + (p === '/' ? '' : p) || '/').replace(/\/{2,}/g, '/');
const paths = (p: string | string[] | undefined) => (p === undefined ? [''] : Array.isArray(p) ? p : [p]);

function walk(stack: Layer[], prefix: string, out: RouteEntry[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const p of paths(layer.route.path))
        for (const [m, on] of Object.entries(layer.route.methods))
          if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: join(prefix, p) });
      // r.all(): answers every method
      if (layer.route.methods._all)
        for (const p of paths(layer.route.path)) out.push({ method: 'ALL', path: join(prefix, p) });
    } else if (layer.handle?.stack) {
      for (const p of paths(layer.rawPath)) walk(layer.handle.stack, join(prefix, p), out);
    }
  }
}

/** Every (method, path) the app routes, in stack order, without duplicates. */
export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const k = `${r.method} ${r.path}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
