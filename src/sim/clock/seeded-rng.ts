// Deterministic random source of the simulator (mulberry32). Every random draw of the world goes
// through one instance, whose 32-bit state is persisted, so a scenario replays identically.

export class SeededRng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** The internal state, for persistence; `SeededRng.fromState` resumes the same sequence. */
  get state(): number {
    return this.s;
  }

  static fromState(state: number): SeededRng {
    return new SeededRng(state);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer uniform in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [range[0], range[1]], rounded to an integer (milliseconds, mostly). */
  between(range: readonly [number, number]): number {
    const [a, b] = range[0] <= range[1] ? range : [range[1], range[0]];
    return Math.round(a + this.next() * (b - a));
  }

  /** True with probability p (p ≤ 0 never draws, so adding a knob at 0 keeps a scenario's sequence). */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.next() < p;
  }

  /** `n` lowercase hex digits. */
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}
