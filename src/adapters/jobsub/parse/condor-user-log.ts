import { parseSubmitTime } from './condor-time.js';

// The HTCondor user log (external-apis.md 1.8; the original's condor_log_parser.py): each event is
// a header line `<3-digit code> (<cluster>.<proc>.<subproc>) <timestamp> <text>`, indented body
// lines, and a line `...`. Timestamps are `MM/DD HH:MM:SS` (old condor, no year) or ISO
// `YYYY-MM-DD HH:MM:SS` (new condor), in the schedd's local time unless they carry an offset.

export interface CondorTermination {
  /** `(1) Normal termination (return value N)` vs `(0) Abnormal termination (signal N)`. */
  normal: boolean;
  returnValue: number | null;
  signal: number | null;
  /** The return value, or 128 + signal. */
  exitCode: number | null;
}

export interface CondorLogEvent {
  /** `000` submitted, `001` executing, `005` terminated, `009` aborted, `012` held, `013` released… */
  code: string;
  cluster: number;
  proc: number;
  subproc: number;
  /** `<cluster>.<proc>` */
  job: string;
  /** Null when the timestamp has no valid date. */
  time: Date | null;
  /** The header line after the timestamp, e.g. `Job terminated.` */
  text: string;
  /** Body lines without their leading whitespace. */
  body: string[];
  /** For `005` events whose body says how the job ended. */
  termination?: CondorTermination;
}

export interface CondorLogOptions {
  /** Picks the year of `MM/DD` timestamps (latest year not in the future). Default: now. */
  now?: Date;
  /** The schedd's offset from UTC, for timestamps without one. Default 0. */
  utcOffsetMinutes?: number;
}

const HEADER =
  /^(\d{3}) \((\d+)\.(\d+)\.(\d+)\) (\d\d\/\d\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)\s*(.*)$/;
const NORMAL = /^\(1\) Normal termination \(return value (-?\d+)\)/;
const ABNORMAL = /^\(0\) Abnormal termination \(signal (\d+)\)/;

function parseTime(text: string, o: CondorLogOptions): Date | null {
  const offset = o.utcOffsetMinutes ?? 0;
  const old = /^(\d\d\/\d\d \d\d:\d\d):(\d\d)$/.exec(text);
  if (old) {
    const minute = parseSubmitTime(old[1], o.now ?? new Date(), offset);
    return minute && Number(old[2]) < 60 ? new Date(minute.getTime() + Number(old[2]) * 1000) : null;
  }
  const iso = text.replace(' ', 'T');
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/.test(iso);
  const ms = Date.parse(zoned ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) return null;
  return new Date(zoned ? ms : ms - offset * 60_000);
}

function termination(body: string[]): CondorTermination | undefined {
  for (const line of body) {
    const n = NORMAL.exec(line);
    if (n) return { normal: true, returnValue: Number(n[1]), signal: null, exitCode: Number(n[1]) };
    const a = ABNORMAL.exec(line);
    if (a) return { normal: false, returnValue: null, signal: Number(a[1]), exitCode: 128 + Number(a[1]) };
  }
  return undefined;
}

/**
 * Every event of a user log, in order. Text outside events is skipped; an event cut off before its
 * `...` (a log fetched while the job runs) is kept with the body read so far.
 */
export function parseCondorUserLog(text: string, opts: CondorLogOptions = {}): CondorLogEvent[] {
  const events: CondorLogEvent[] = [];
  let open: CondorLogEvent | null = null;
  const close = () => {
    if (open?.code === '005') {
      const t = termination(open.body);
      if (t) open.termination = t;
    }
    open = null;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const h = HEADER.exec(line);
    if (h) {
      close();
      const [cluster, proc, subproc] = [h[2], h[3], h[4]].map(Number);
      open = {
        code: h[1],
        cluster,
        proc,
        subproc,
        job: `${cluster}.${proc}`,
        time: parseTime(h[5], opts),
        text: h[6],
        body: [],
      };
      events.push(open);
    } else if (line.trim() === '...') {
      close();
    } else if (open && line.trim() !== '') {
      open.body.push(line.trim());
    }
  }
  close();
  return events;
}

/** One job as its user log tells it. */
export interface CondorLogJob {
  /** `<cluster>.<proc>` */
  job: string;
  submitted: boolean;
  /** Has a `005` (terminated) event. */
  terminated: boolean;
  /** Has a `009` (aborted, i.e. removed) event. */
  aborted: boolean;
  exitCode: number | null;
}

/** The jobs of one or more logs' events, in order of first appearance (duplicates merged). */
export function condorLogJobs(events: readonly CondorLogEvent[]): CondorLogJob[] {
  const jobs = new Map<string, CondorLogJob>();
  for (const e of events) {
    const j = jobs.get(e.job) ?? {
      job: e.job,
      submitted: false,
      terminated: false,
      aborted: false,
      exitCode: null,
    };
    if (e.code === '000') j.submitted = true;
    if (e.code === '009') j.aborted = true;
    if (e.code === '005') {
      j.terminated = true;
      j.exitCode = e.termination?.exitCode ?? j.exitCode;
    }
    jobs.set(e.job, j);
  }
  return [...jobs.values()];
}
