import { describe, expect, it } from 'vitest';
import { timeWindow } from '../../../../src/services/reports/time-window.js';

const now = new Date('2025-04-10T12:00:00Z');
const iso = (d: Date) => d.toISOString();

describe('timeWindow (the original handle_dates, 7 days by default)', () => {
  it('defaults to the 7 days ending now', () => {
    const w = timeWindow({}, now);
    expect([iso(w.from), iso(w.to), w.days]).toEqual([
      '2025-04-03T12:00:00.000Z',
      '2025-04-10T12:00:00.000Z',
      7,
    ]);
    expect(w.label).toBe('7.0 days ending 2025-04-10 12:00:00 UTC');
    expect(w.prev).toEqual({ tmax: '2025-04-03 12:00:00', tdays: '7' });
    expect(w.next).toEqual({ tmax: '2025-04-17 12:00:00', tdays: '7' });
  });

  it('takes both ends, tmin + tdays, tmax + tdays, or tmin alone (until now)', () => {
    const both = timeWindow({ tmin: '2025-04-01', tmax: '2025-04-02 06:00:00' }, now);
    expect(both.days).toBe(1.25);
    const fwd = timeWindow({ tmin: '2025-04-01T00:00', tdays: '2' }, now);
    expect(iso(fwd.to)).toBe('2025-04-03T00:00:00.000Z');
    const back = timeWindow({ tmax: '2025-04-05 00:00:00', tdays: 1 }, now);
    expect(iso(back.from)).toBe('2025-04-04T00:00:00.000Z');
    const open = timeWindow({ tmin: '2025-04-09 12:00:00Z' }, now);
    expect(open.days).toBe(1);
    expect(timeWindow({ tmin: ' ', tdays: '' }, now).days).toBe(7);
  });

  it('refuses bad values with a 400 naming the field', () => {
    for (const [input, field] of [
      [{ tmin: 'yesterday' }, 'tmin'],
      [{ tmax: '2025-13-01' }, 'tmax'],
      [{ tmax: '2025-02-30' }, 'tmax'],
      [{ tdays: '-1' }, 'tdays'],
      [{ tdays: '1e9' }, 'tdays'],
      [{ tmin: '2025-04-02', tmax: '2025-04-01' }, 'tmin'],
    ] as const) {
      const e = (() => {
        try {
          timeWindow(input, now);
        } catch (x) {
          return x as { status: number; details: Array<{ field: string }> };
        }
      })();
      expect(e?.status, JSON.stringify(input)).toBe(400);
      expect(e?.details[0].field).toBe(field);
    }
  });
});
