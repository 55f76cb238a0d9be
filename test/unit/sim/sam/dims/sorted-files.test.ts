import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedFiles } from '../../../../../src/sim/sam/dims/sorted-files.js';
import type { SimFile } from '../../../../../src/sim/sam/dims/index.js';

const file = (id: number, t: number): SimFile => ({
  id,
  name: `f${id}`,
  createDate: new Date(t),
  runs: [],
  located: true,
});

describe('SortedFiles (the create-time and name indexes)', () => {
  it('answers ranges as a filter would, whatever order and batches the files came in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 8 }), { maxLength: 6 }),
        fc.integer({ min: -1, max: 51 }),
        fc.integer({ min: -1, max: 52 }),
        (batches, from, to) => {
          const idx = new SortedFiles<number>((f) => f.createDate.getTime());
          const all: SimFile[] = [];
          for (const batch of batches) {
            for (const t of batch) {
              const f = file(all.length, t);
              all.push(f);
              idx.add(f);
            }
            const want = all.filter((f) => f.createDate.getTime() >= from && f.createDate.getTime() < to);
            const got = idx.range(from, to);
            expect(got.map((f) => f.id).sort((a, b) => a - b)).toEqual(want.map((f) => f.id));
            expect(idx.count(from, to)).toBe(want.length);
          }
        },
      ),
    );
  });
});
