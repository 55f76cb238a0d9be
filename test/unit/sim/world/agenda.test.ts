import { describe, expect, it } from 'vitest';
import { Agenda, type SimEvent } from '../../../../src/sim/clock/agenda.js';
import { SeededRng } from '../../../../src/sim/clock/seeded-rng.js';

const drain = (a: Agenda, now = Infinity) => {
  const out: SimEvent[] = [];
  for (let e = a.takeDue(now); e; e = a.takeDue(now)) out.push(e);
  return out;
};

describe('Agenda', () => {
  it('hands events out by due time, equal times in scheduling order, only once due', () => {
    const rng = new SeededRng(3);
    const a = new Agenda();
    const scheduled = Array.from({ length: 500 }, (_, i) =>
      a.schedule({ at: rng.int(0, 50), kind: 'k', key: String(i) }),
    );
    const byOrder = [...scheduled].sort((x, y) => x.at - y.at || x.seq - y.seq);
    expect(a.nextDue()).toBe(byOrder[0].at);
    const early = drain(a, 20);
    expect(early).toEqual(byOrder.filter((e) => e.at <= 20));
    // Scheduled while others wait: still in order.
    a.schedule({ at: 30, kind: 'late', key: 'x' });
    const rest = drain(a);
    expect(rest.map((e) => [e.at, e.seq])).toEqual(
      [...rest].sort((x, y) => x.at - y.at || x.seq - y.seq).map((e) => [e.at, e.seq]),
    );
    expect(early.length + rest.length).toBe(501);
    expect(a.size).toBe(0);
  });

  it('saves in due order and resumes where it was', () => {
    const a = new Agenda();
    for (const at of [5, 1, 3, 1, 4]) a.schedule({ at, kind: 'k', key: String(at) });
    const saved = JSON.parse(JSON.stringify(a.toJSON()));
    expect(saved.events.map((e: SimEvent) => e.at)).toEqual([1, 1, 3, 4, 5]);
    const b = new Agenda(saved);
    b.schedule({ at: 2, kind: 'k', key: 'new' });
    expect(drain(b).map((e) => e.key)).toEqual(['1', '1', 'new', '3', '4', '5']);
  });
});
