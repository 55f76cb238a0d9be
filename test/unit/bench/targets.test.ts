import { describe, expect, it } from 'vitest';
import { evaluateTargets, formatTargets, type BenchRun, type PageRow } from '../../../bench/targets.js';

const row = (page: string, p50: number, floor: number, statements = 5, kind = 'page'): PageRow => ({
  page,
  kind,
  p50,
  floor,
  statements,
});
const find = (run: BenchRun, small: BenchRun | undefined, start: string) =>
  evaluateTargets(run, small).find((v) => v.target.startsWith(start));

describe('issue 15 targets from a bench run', () => {
  it('meets a page target only at or under its limit, and says why from the floor when not', () => {
    const under = { rows: [row('median stage submissions', 15, 6)] };
    expect(find(under, undefined, 'median stage')?.met).toBe(true);
    const sqlBound = find({ rows: [row('median stage submissions', 30, 18, 5)] }, undefined, 'median stage');
    expect(sqlBound).toMatchObject({ met: false });
    expect(sqlBound?.why).toContain('5 statements alone take 18.0 ms');
    const appBound = find({ rows: [row('stage page', 20, 8)] }, undefined, 'stage page');
    expect(appBound?.why).toContain('12.0 ms beyond its SQL floor');
  });

  it('lists every row that breaks a per-row rule, and counts the rest', () => {
    const run = { rows: [row('a', 49, 30), row('b', 51, 20, 11), row('c', 10, 4)] };
    const p50 = find(run, undefined, 'every page');
    expect(p50).toMatchObject({ met: false, measured: '2 of 3 rows' });
    expect(p50?.why).toBe('b (page) 51.0 ms (SQL floor 20.0 ms)');
    expect(find(run, undefined, '≤ 10 SQL')?.why).toBe('b (page) 11 statements');
    expect(find(run, undefined, 'page ≤ 2×')?.why).toBe('b (page) 2.5×; c (page) 2.5×');
  });

  it('splits what a page spends beyond its floor into the round trip any request pays and the rest', () => {
    const run = { rows: [row('big', 14, 6), row('tiny', 3, 1), row('fine', 9, 5)], roundTripMs: 1.2 };
    const v = find(run, undefined, 'page ≤ 2×');
    expect(v).toMatchObject({ met: false, measured: '1 of 3 rows' });
    expect(v?.why).toBe(
      'big (page) 2.3× (8.0 ms beyond the floor: the 1.2 ms round trip any request pays, and 6.8 ms in the app and client); ' +
        'tiny (page) 3.0× (2.0 ms beyond the floor: the 1.2 ms round trip any request pays, above the floor itself, and 0.8 ms in the app and client)',
    );
  });

  it('pairs LARGE with SMALL by page and kind, and leaves the ratio out without a SMALL run', () => {
    const large = { rows: [row('a', 26, 10), row('a', 13, 5, 5, 'json'), row('only large', 5, 2)] };
    const small = { at: 'then', rows: [row('a', 20, 10), row('a', 10, 2, 5, 'json')] };
    const v = find(large, small, 'LARGE/SMALL');
    expect(v).toMatchObject({ met: true, measured: '2 of 2 rows (SMALL run of then)' });
    const slower = { rows: [row('a', 40, 10)] };
    expect(find(slower, small, 'LARGE/SMALL')?.why).toBe('a (page) 2.00× (its SQL floor 1.00×)');
    expect(find(large, undefined, 'LARGE/SMALL')).toBeUndefined();
    // With bodies on record, the ratio of what each shows too (a whole list ten times as long).
    const whole = { rows: [{ ...row('list', 30, 10), bytes: 1000 }] };
    const smallWhole = { rows: [{ ...row('list', 10, 5), bytes: 100 }] };
    expect(find(whole, smallWhole, 'LARGE/SMALL')?.why).toBe(
      'list (page) 3.00× (its SQL floor 2.00×, its body 10.00×)',
    );
  });

  it('takes the best 8-client throughput and gives the CPU ceiling of the cores', () => {
    const t = (workers: number, rps: number) => ({
      workers,
      clients: 8,
      rps,
      cpuMsApp: 10,
      cpuMsDb: 6,
      cpuMsClient: 4,
    });
    const v = find(
      { throughput: [t(1, 90), t(2, 95), { ...t(2, 500), clients: 4 }] },
      undefined,
      'stage page ≥',
    );
    expect(v).toMatchObject({ met: false, measured: '95.0 req/s (2 process(es))' });
    expect(v?.why).toContain('20.0 ms of CPU');
    expect(v?.why).toContain('at most 100 req/s');
    expect(find({ throughput: [t(1, 150)] }, undefined, 'stage page ≥')?.met).toBe(true);
  });

  it('judges the Lens poll, cold start and RSS, and prints each verdict with its reason', () => {
    const run: BenchRun = {
      lensPoll: { seen: 8333, totalMs: 1800, lensMs: 600 },
      coldStart: [
        { case: 'embedded, fresh folder', ms: 2700 },
        { case: 'PostgreSQL', ms: 5200 },
      ],
      rssMiB: 217,
    };
    const v = evaluateTargets(run);
    expect(v.map((x) => x.met)).toEqual([false, false, true]);
    // Without the in-flight split, all Lens time counts as waited for.
    expect(v[0].why).toBe(
      '0.60 s waiting for Lens alone (0.60 s of Lens calls in all), 1.20 s reading and writing the rows',
    );
    // With it (Lens and the writes overlap), only the time Lens alone was in flight.
    const piped = evaluateTargets({ lensPoll: { ...run.lensPoll!, inFlightMs: { lensOnly: 200 } } });
    expect(piped[0].why).toBe(
      '0.20 s waiting for Lens alone (0.60 s of Lens calls in all), 1.60 s reading and writing the rows',
    );
    // Several polls timed: the median is judged, every one is shown.
    const three = evaluateTargets({
      lensPoll: { ...run.lensPoll!, totalMs: 800, pollsMs: [2020, 730, 800] },
    });
    expect(three[0]).toMatchObject({
      met: true,
      measured: '0.80 s for 8333 unfinished (median of 3 polls: 2.02, 0.73, 0.80 s)',
    });
    expect(v[1].why).toBe('PostgreSQL took 5.2 s');
    const text = formatTargets(v, 'large');
    expect(text).toContain('NOT met  one Lens poll');
    expect(text).toContain('met      steady RSS');
    expect(evaluateTargets({ rssMiB: 290 })[0].met).toBe(false);
  });
});
