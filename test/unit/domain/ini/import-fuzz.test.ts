import { describe, expect, it } from 'vitest';
import { parseCampaignIni } from '../../../../src/domain/ini/index.js';
import { AppError } from '../../../../src/lib/errors.js';
import { mutation, seedFiles } from '../../../helpers/ini-mutations.js';

// Issue 12: thousands of mutated campaign files through the pure parser. Each either parses or is
// refused with a 4xx AppError saying what is wrong (and where, for a line); nothing else escapes
// (no stack overflow, no TypeError, no 500).
const COUNT = 3000;

describe('.ini import fuzz: the parser', () => {
  it(`answers ${COUNT} mutated files with a document or a located 4xx`, () => {
    const seeds = seedFiles();
    expect(seeds.length).toBeGreaterThanOrEqual(4);
    const escaped: string[] = [];
    let refused = 0;
    for (let i = 0; i < COUNT; i++) {
      const m = mutation(seeds, i);
      try {
        parseCampaignIni(new Uint8Array(m.bytes));
      } catch (e) {
        // A problem of a line names it; a whole-file problem (no stage section) says what is missing.
        const ok =
          e instanceof AppError &&
          e.status >= 400 &&
          e.status < 500 &&
          e.message.length > 0 &&
          e.details.every((d) => d.message.length > 0);
        if (!ok) escaped.push(`${m.label}: ${(e as Error).name} ${(e as Error).message.slice(0, 120)}`);
        else refused++;
      }
    }
    expect(escaped).toEqual([]);
    expect(refused).toBeGreaterThan(COUNT / 4); // the mutations do break files
  }, 120_000);
});
