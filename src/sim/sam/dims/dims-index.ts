import type { SimFile } from './dims-catalogue.js';
import { SortedFiles } from './sorted-files.js';

/** Fields indexed by value: `version`, `data_tier`, or a lower-case `category.param` key. */
export type IndexedField = string;

/**
 * Indexes of a catalogue's live (non-retired) files, kept as files are declared, so a query costs
 * the size of what it selects, not of the catalogue: by value (version, data tier, every param),
 * by name (sorted, for LIKE prefixes) and by create time (for the time windows POMS sends).
 * Holds the catalogue's own SimFile objects: a change of location shows through.
 */
export class DimsIndex {
  private readonly byValue = new Map<IndexedField, Map<string, Set<SimFile>>>();
  private readonly byName = new SortedFiles<string>((f) => f.name);
  private readonly byCreate = new SortedFiles<number>((f) => f.createDate.getTime());

  add(f: SimFile): void {
    if (f.retired) return;
    if (f.version !== undefined) this.addValue('version', f.version, f);
    if (f.dataTier !== undefined) this.addValue('data_tier', f.dataTier, f);
    for (const [k, v] of Object.entries(f.params ?? {})) this.addValue(k, v, f);
    this.byName.add(f);
    this.byCreate.add(f);
  }

  /** Distinct value → its files, for one field (empty when no file has it). */
  values(field: IndexedField): ReadonlyMap<string, ReadonlySet<SimFile>> {
    return this.byValue.get(field) ?? new Map();
  }

  /** Files whose name starts with `prefix`. */
  namesStartingWith(prefix: string): SimFile[] {
    return this.byName.range(prefix, `${prefix}\uffff`);
  }

  namesStartingWithCount(prefix: string): number {
    return this.byName.count(prefix, `${prefix}\uffff`);
  }

  /** Files created at or after `fromMs` and before `toMs`. */
  createdBetween(fromMs: number, toMs: number): SimFile[] {
    return this.byCreate.range(fromMs, toMs);
  }

  createdBetweenCount(fromMs: number, toMs: number): number {
    return this.byCreate.count(fromMs, toMs);
  }

  private addValue(field: IndexedField, value: string, f: SimFile): void {
    let values = this.byValue.get(field);
    if (!values) this.byValue.set(field, (values = new Map()));
    let files = values.get(value);
    if (!files) values.set(value, (files = new Set()));
    files.add(f);
  }
}
