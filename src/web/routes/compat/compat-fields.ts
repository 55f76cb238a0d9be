import { invalid } from '../../../lib/errors.js';

// Form fields of a poms_client call: query string, form body (urlencoded or multipart) and the
// `/<method>/<experiment>/<role>` path, merged in that order. A repeated field (a Python list
// sent by `requests`) keeps all its values; `text` reads the last one.

const TRUE = /^(1|true|t|yes|on|y)$/i;

export class CompatFields {
  private readonly values = new Map<string, string[]>();

  constructor(...sources: Array<Record<string, unknown> | undefined>) {
    for (const src of sources)
      for (const [k, v] of Object.entries(src ?? {})) {
        if (v === undefined || v === null) continue;
        const list = (Array.isArray(v) ? v : [v]).filter(
          (x) => typeof x === 'string' || typeof x === 'number',
        );
        if (list.length) this.values.set(k, list.map(String));
      }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The last value sent for `name`; undefined when absent. */
  text(name: string): string | undefined {
    const v = this.values.get(name);
    return v?.[v.length - 1];
  }

  /** Every value sent for `name`, each split at commas (`a,b` and `a&a=b` read the same). */
  list(name: string): string[] {
    return (this.values.get(name) ?? [])
      .flatMap((v) => v.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** All values as sent (no splitting). */
  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** A whole number, or a 400 naming the field; undefined when absent or empty ('None' too). */
  int(name: string): number | undefined {
    const v = this.text(name)?.trim();
    if (v === undefined || v === '' || v === 'None') return undefined;
    if (!/^\d{1,10}$/.test(v) || Number(v) > 2_147_483_647)
      throw invalid(`${name} must be a whole number`, [{ field: name, message: `got ${v.slice(0, 40)}` }]);
    return Number(v);
  }

  requireInt(name: string): number {
    const n = this.int(name);
    if (n === undefined) throw invalid(`${name} is required`, [{ field: name, message: 'required' }]);
    return n;
  }

  requireText(name: string): string {
    const v = this.text(name)?.trim();
    if (!v || v === 'None') throw invalid(`${name} is required`, [{ field: name, message: 'required' }]);
    return v;
  }

  /** Python's True/'1'/'true' (requests sends True as "True"). */
  flag(name: string): boolean {
    return TRUE.test(this.text(name)?.trim() ?? '');
  }

  /** Every field as one string each (handed to the mapping services). */
  asRecord(): Record<string, string> {
    return Object.fromEntries([...this.values].map(([k, v]) => [k, v[v.length - 1]]));
  }
}
