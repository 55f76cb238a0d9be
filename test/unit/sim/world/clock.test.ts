import { describe, expect, it } from 'vitest';
import { Agenda } from '../../../../src/sim/clock/agenda.js';
import { SimClock } from '../../../../src/sim/clock/sim-clock.js';

const T0 = Date.parse('2025-04-01T10:00:00Z');

/** A driver over an agenda that records (event key, time seen) as each event runs. */
function recorder(clock: SimClock) {
  const agenda = new Agenda();
  const ran: Array<[string, number]> = [];
  clock.attach({
    nextDueMs: () => agenda.nextDue(),
    runDue: (now) => {
      for (let e = agenda.takeDue(now); e; e = agenda.takeDue(now)) {
        ran.push([e.key, clock.nowMs()]);
        if (e.key === 'a') agenda.schedule({ at: clock.nowMs() + 5, kind: 'x', key: 'a-follow-up' });
      }
    },
  });
  return { agenda, ran };
}

describe('SimClock, manual', () => {
  it('moves only through advance, running every due event at its own time, in order', () => {
    const clock = new SimClock('manual', T0);
    const { agenda, ran } = recorder(clock);
    agenda.schedule({ at: T0 + 30, kind: 'x', key: 'c' });
    agenda.schedule({ at: T0 + 10, kind: 'x', key: 'a' });
    agenda.schedule({ at: T0 + 10, kind: 'x', key: 'b' });
    expect(clock.nowMs()).toBe(T0);
    clock.advance(12);
    expect(ran).toEqual([
      ['a', T0 + 10],
      ['b', T0 + 10],
    ]);
    expect(clock.nowMs()).toBe(T0 + 12);
    clock.advance(100);
    expect(ran.slice(2)).toEqual([
      ['a-follow-up', T0 + 15],
      ['c', T0 + 30],
    ]);
    expect(clock.now().toISOString()).toBe(new Date(T0 + 112).toISOString());
  });

  it('resolves sleepers when virtual time passes them', async () => {
    const clock = new SimClock('manual', T0);
    let woke = false;
    const p = clock.sleep(1000).then(() => (woke = true));
    clock.advance(999);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await p;
    expect(woke).toBe(true);
  });

  it('refuses to go backwards', () => {
    expect(() => new SimClock('manual', T0).advance(-1)).toThrow(RangeError);
  });
});

describe('SimClock, timed', () => {
  it('accelerated: keeps the wall calendar and compresses durations, never dates', () => {
    let wall = T0;
    const clock = new SimClock({ speed: 60 }, T0 + 86_400_000, () => wall);
    expect(clock.nowMs()).toBe(T0); // a start time (a saved world's) never moves the calendar
    wall += 1000;
    expect(clock.nowMs()).toBe(T0 + 1000);
    expect(clock.compress(60_000)).toBe(1000);
    const { agenda, ran } = recorder(clock);
    agenda.schedule({ at: wall + 500, kind: 'x', key: 'soon' });
    agenda.schedule({ at: wall + 5000, kind: 'x', key: 'later' });
    // advance runs what is due within the compressed span at once, stamped now: time stays put.
    clock.advance(60_000);
    expect(ran).toEqual([['soon', T0 + 1000]]);
    expect(clock.nowMs()).toBe(T0 + 1000);
    clock.stop();
  });

  it('real: now is wall time, durations as drawn, whatever the start time', () => {
    let wall = T0;
    const clock = new SimClock('real', T0 + 3_600_000, () => wall);
    wall += 1234;
    expect(clock.nowMs()).toBe(T0 + 1234);
    expect(clock.compress(5000)).toBe(5000);
    clock.stop();
  });

  it('manual: tells its followers every time now moves', () => {
    const clock = new SimClock('manual', T0);
    const { agenda } = recorder(clock);
    const seen: number[] = [];
    clock.onMove((ms) => seen.push(ms));
    agenda.schedule({ at: T0 + 10, kind: 'x', key: 'b' });
    clock.advance(100);
    expect(seen).toEqual([T0, T0 + 10, T0 + 100]);
    expect(clock.compress(5000)).toBe(5000);
  });

  it('runs due events from a wall-clock timer', async () => {
    const clock = new SimClock({ speed: 1000 }, T0);
    const { agenda, ran } = recorder(clock);
    agenda.schedule({ at: Date.now() + clock.compress(20_000), kind: 'x', key: 'c' });
    clock.wake();
    await new Promise((r) => setTimeout(r, 100));
    expect(ran.map(([k]) => k)).toEqual(['c']);
    clock.stop();
  });

  it('rejects a speed that is not positive', () => {
    expect(() => new SimClock({ speed: 0 }, T0)).toThrow(RangeError);
  });
});

describe('Agenda', () => {
  it('orders by time then scheduling order, and survives a JSON round trip', () => {
    const a = new Agenda();
    a.schedule({ at: 5, kind: 'k', key: 'late' });
    a.schedule({ at: 1, kind: 'k', key: 'first' });
    a.schedule({ at: 1, kind: 'k', key: 'second' });
    const b = new Agenda(JSON.parse(JSON.stringify(a.toJSON())));
    b.schedule({ at: 1, kind: 'k', key: 'third' });
    const keys: string[] = [];
    for (let e = b.takeDue(10); e; e = b.takeDue(10)) keys.push(e.key);
    expect(keys).toEqual(['first', 'second', 'third', 'late']);
    expect(b.takeDue(10)).toBeUndefined();
  });
});
