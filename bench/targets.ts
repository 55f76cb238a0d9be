// Issue 15's targets judged against one bench run: met or not, the measured figure, and for a
// target not met the reason the figures themselves give (the SQL floor, the CPU a request costs,
// the time spent waiting for Lens). Pure: the run's JSON in, verdicts out.

export interface PageRow {
  page: string;
  kind: string;
  p50: number;
  floor: number;
  statements: number;
  /** Body bytes as received (after decompression). */
  bytes?: number;
}
export interface BenchRun {
  at?: string;
  shape?: { scale?: string };
  rows?: PageRow[];
  /** p50 of a request that touches nothing (/health/live), through the same client. */
  roundTripMs?: number;
  rssMiB?: number;
  throughput?: Array<{
    workers: number;
    clients: number;
    rps: number;
    cpuMsApp: number;
    cpuMsDb: number;
    cpuMsClient: number;
  }>;
  coldStart?: Array<{ case: string; ms: number }>;
  lensPoll?: {
    seen: number;
    totalMs: number;
    lensMs: number;
    inFlightMs?: { lensOnly: number };
    /** Every poll timed, in the order run; totalMs is their median. */
    pollsMs?: number[];
  };
}
export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
  why?: string;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const label = (r: PageRow) => `${r.page} (${r.kind})`;

/** A page with its own p50 target: why it is over, from its floor. */
function pageTarget(rows: PageRow[], name: string, limit: number, original: number): Verdict | null {
  const r = rows.find((x) => x.page === name && x.kind === 'page');
  if (!r) return null;
  const met = r.p50 <= limit;
  return {
    target: `${name} p50 ≤ ${limit} ms (original ${original} ms)`,
    measured: `${ms(r.p50)}, ${(original / r.p50).toFixed(1)}× the original, ${r.statements} statements, SQL floor ${ms(r.floor)}`,
    met,
    why: met
      ? undefined
      : r.floor > limit
        ? `its ${r.statements} statements alone take ${ms(r.floor)}, above the target`
        : `${ms(r.p50 - r.floor)} beyond its SQL floor in the app (rendering, compression, the HTTP stack)`,
  };
}

/** Every row against one rule; the verdict lists the rows that break it. */
function everyRow(
  target: string,
  rows: PageRow[],
  ok: (r: PageRow) => boolean,
  show: (r: PageRow) => string,
): Verdict {
  const bad = rows.filter((r) => !ok(r));
  return {
    target,
    measured: `${rows.length - bad.length} of ${rows.length} rows`,
    met: bad.length === 0,
    why: bad.length ? bad.map((r) => `${label(r)} ${show(r)}`).join('; ') : undefined,
  };
}

/**
 * How far a page is over its floor, and how much of that any request pays: a page whose floor is
 * below the round trip of a request that touches nothing cannot be within 2× of it.
 */
function overFloor(r: PageRow, roundTrip: number | undefined): string {
  const ratio = `${(r.p50 / r.floor).toFixed(1)}×`;
  if (roundTrip === undefined) return ratio;
  const beyond = r.p50 - r.floor;
  const rest = Math.max(0, beyond - roundTrip);
  return `${ratio} (${ms(beyond)} beyond the floor: the ${ms(roundTrip)} round trip any request pays${r.floor < roundTrip ? ', above the floor itself' : ''}, and ${ms(rest)} in the app and client)`;
}

function scaleRatio(rows: PageRow[], small: BenchRun | undefined): Verdict | null {
  if (!small?.rows?.length) return null;
  const other = new Map(small.rows.map((r) => [`${r.page}|${r.kind}`, r]));
  const pairs = rows.flatMap((r) => {
    const s = other.get(`${r.page}|${r.kind}`);
    return s
      ? [
          {
            ...r,
            ratio: r.p50 / s.p50,
            floorRatio: r.floor / s.floor,
            bytesRatio: r.bytes && s.bytes ? r.bytes / s.bytes : undefined,
          },
        ]
      : [];
  });
  const v = everyRow(
    'LARGE/SMALL p50 ≤ 1.3 per page',
    pairs,
    (r) => (r as (typeof pairs)[number]).ratio <= 1.3,
    (r) => {
      const p = r as (typeof pairs)[number];
      const body = p.bytesRatio === undefined ? '' : `, its body ${p.bytesRatio.toFixed(2)}×`;
      return `${p.ratio.toFixed(2)}× (its SQL floor ${p.floorRatio.toFixed(2)}×${body})`;
    },
  );
  return { ...v, measured: `${v.measured} (SMALL run of ${small.at ?? 'unknown time'})` };
}

function throughput(run: BenchRun, cores: number): Verdict | null {
  const at8 = (run.throughput ?? []).filter((t) => t.clients === 8);
  if (!at8.length) return null;
  const best = at8.reduce((a, b) => (b.rps > a.rps ? b : a));
  const cpu = best.cpuMsApp + best.cpuMsDb + best.cpuMsClient;
  const ceiling = (cores * 1000) / cpu;
  return {
    target: 'stage page ≥ 150 req/s with 8 clients',
    measured: `${best.rps.toFixed(1)} req/s (${best.workers} process(es))`,
    met: best.rps >= 150,
    why:
      best.rps >= 150
        ? undefined
        : `a request costs ${ms(cpu)} of CPU (app ${ms(best.cpuMsApp)}, PostgreSQL ${ms(best.cpuMsDb)}, the bench client ${ms(best.cpuMsClient)}), so ${cores} cores shared by all three serve at most ${ceiling.toFixed(0)} req/s`,
  };
}

export function evaluateTargets(run: BenchRun, small?: BenchRun, cores = 2): Verdict[] {
  const rows = run.rows ?? [];
  const out: Array<Verdict | null> = [];
  if (rows.length) {
    out.push(
      pageTarget(rows, 'median stage submissions', 15, 148),
      pageTarget(rows, 'stage page', 12, 115),
      everyRow(
        'every page p50 ≤ 50 ms',
        rows,
        (r) => r.p50 <= 50,
        (r) => `${ms(r.p50)} (SQL floor ${ms(r.floor)})`,
      ),
      everyRow(
        '≤ 10 SQL statements per page',
        rows,
        (r) => r.statements <= 10,
        (r) => `${r.statements} statements`,
      ),
      everyRow(
        'page ≤ 2× its SQL floor',
        rows,
        (r) => r.p50 <= 2 * r.floor,
        (r) => overFloor(r, run.roundTripMs),
      ),
      scaleRatio(rows, small),
    );
  }
  out.push(throughput(run, cores));
  if (run.lensPoll) {
    const { totalMs, lensMs, seen, inFlightMs, pollsMs } = run.lensPoll;
    const each =
      pollsMs && pollsMs.length > 1
        ? ` (median of ${pollsMs.length} polls: ${pollsMs.map((x) => (x / 1000).toFixed(2)).join(', ')} s)`
        : '';
    // Lens and the writes overlap (the poll is a pipeline): what the poll waited for Lens alone.
    const waited = inFlightMs?.lensOnly ?? lensMs;
    out.push({
      target: 'one Lens poll of 10,000 active submissions ≤ 1 s',
      measured: `${(totalMs / 1000).toFixed(2)} s for ${seen} unfinished${each}`,
      met: totalMs <= 1000,
      why:
        totalMs <= 1000
          ? undefined
          : `${(waited / 1000).toFixed(2)} s waiting for Lens alone (${(lensMs / 1000).toFixed(2)} s of Lens calls in all), ${((totalMs - waited) / 1000).toFixed(2)} s reading and writing the rows`,
    });
  }
  if (run.coldStart?.length) {
    const worst = run.coldStart.reduce((a, b) => (b.ms > a.ms ? b : a));
    out.push({
      target: 'cold start to first page ≤ 5 s',
      measured: run.coldStart.map((c) => `${c.case} ${(c.ms / 1000).toFixed(1)} s`).join(', '),
      met: worst.ms <= 5000,
      why: worst.ms <= 5000 ? undefined : `${worst.case} took ${(worst.ms / 1000).toFixed(1)} s`,
    });
  }
  if (run.rssMiB !== undefined)
    out.push({
      target: 'steady RSS ≤ 300 MB (app process)',
      measured: `${run.rssMiB.toFixed(0)} MiB`,
      met: run.rssMiB * 1.048576 <= 300,
    });
  return out.filter((v): v is Verdict => v !== null);
}

export function formatTargets(verdicts: Verdict[], scale: string): string {
  const lines = [`targets (issue 15; they apply at LARGE, this run is ${scale}):`];
  for (const v of verdicts) {
    lines.push(`  ${v.met ? 'met    ' : 'NOT met'}  ${v.target}: ${v.measured}`);
    if (v.why) lines.push(`           why: ${v.why}`);
  }
  return lines.join('\n');
}
