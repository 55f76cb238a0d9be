import { describe, expect, it } from 'vitest';
import { flatColumns } from '../../../../src/web/downloads/flat-columns.js';

describe('flatColumns', () => {
  const rows = [
    { id: 1, name: 'a', jobs: { total: 3, held: 1 }, tags: ['x', 'y'], can_modify: true },
    { id: 2, name: 'b', jobs: { total: 4, held: 0 }, tags: [], extra: 'late' },
  ];
  it('spreads object fields one level, joins lists, leaves out what it is told, and keeps order', () => {
    const cols = flatColumns(rows, ['can_modify']);
    expect(cols.map((c) => c.key)).toEqual(['id', 'name', 'jobs.total', 'jobs.held', 'tags', 'extra']);
    expect(cols.map((c) => c.value(rows[0]))).toEqual([1, 'a', 3, 1, 'x; y', undefined]);
    expect(cols.map((c) => c.value(rows[1]))).toEqual([2, 'b', 4, 0, '', 'late']);
  });
  it('gives rows that are plain values (file names) one column', () => {
    const cols = flatColumns(['f1.root', 'f2.root']);
    expect(cols.map((c) => [c.key, c.value('f1.root')])).toEqual([['name', 'f1.root']]);
  });
  it('writes deeper values as JSON', () => {
    const cols = flatColumns([{ history: [{ status: 'New' }] }]);
    expect(cols[0].value({ history: [{ status: 'New' }] })).toBe('[{"status":"New"}]');
  });
});
