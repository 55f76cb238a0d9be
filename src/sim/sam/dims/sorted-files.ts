import type { SimFile } from './dims-catalogue.js';

/**
 * Files sorted by a key, for range queries. Additions wait in a side list and are merged in at the
 * next query (one sort of the new files and one linear merge), so declaring many files between
 * two queries costs no more than one merge.
 */
export class SortedFiles<K extends string | number> {
  private sorted: SimFile[] = [];
  private pending: SimFile[] = [];

  constructor(private readonly key: (f: SimFile) => K) {}

  add(f: SimFile): void {
    this.pending.push(f);
  }

  /** Files with from ≤ key < to, in key order. */
  range(from: K, to: K): SimFile[] {
    this.flush();
    return this.sorted.slice(this.lowerBound(from), this.lowerBound(to));
  }

  count(from: K, to: K): number {
    this.flush();
    return Math.max(0, this.lowerBound(to) - this.lowerBound(from));
  }

  private lowerBound(k: K): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key(this.sorted[mid]) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const key = this.key;
    const add = this.pending.sort((a, b) => compare(key(a), key(b)));
    this.pending = [];
    const old = this.sorted;
    if (old.length === 0 || key(old[old.length - 1]) <= key(add[0])) {
      for (const f of add) old.push(f);
      return;
    }
    const out: SimFile[] = new Array(old.length + add.length);
    let i = 0;
    let j = 0;
    for (let n = 0; n < out.length; n++)
      out[n] = j >= add.length || (i < old.length && key(old[i]) <= key(add[j])) ? old[i++] : add[j++];
    this.sorted = out;
  }
}

function compare<K extends string | number>(a: K, b: K): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
