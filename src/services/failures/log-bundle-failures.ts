import { condorLogJobs, parseCondorUserLog } from '../../adapters/jobsub/parse/index.js';
import { lastErrorLines } from '../../domain/failures/failure-causes.js';

// What a submission's job-log bundle (jobsub_fetchlog) says about its failures: for each job its
// exit code (condor user log `005`), its holds (`012`, reason and code) and the last error line of
// its stderr (else stdout), keyed by `<cluster>.<proc>`. DAGMan's own log is left out.

export interface LogFile {
  name: string;
  text: string;
}

export interface JobLogFacts {
  job: string;
  exitCode: number | null;
  holds: Array<{ reason: string; code: number | null; at: Date | null }>;
  tail: string | null;
  /** The file the tail came from (else the job's user log), for a link to an example. */
  logFile: string | null;
  endedAt: Date | null;
}

const stemOf = (name: string) => name.replace(/\.(out|err|log)$/, '');

export function logBundleFailures(files: readonly LogFile[]): Map<string, JobLogFacts> {
  const byStem = new Map(files.map((f) => [f.name, f]));
  const out = new Map<string, JobLogFacts>();
  for (const f of files) {
    if (!f.name.endsWith('.log') || f.name.endsWith('.dagman.log')) continue;
    const stem = stemOf(f.name);
    const events = parseCondorUserLog(f.text);
    for (const j of condorLogJobs(events)) {
      const mine = events.filter((e) => e.job === j.job);
      const holds = mine
        .filter((e) => e.code === '012')
        .map((e) => {
          const code = e.body.map((b) => /^Code (\d+)/.exec(b)).find(Boolean);
          const reason = e.body.find((b) => !/^Code \d+/.test(b)) ?? '';
          return { reason, code: code ? Number(code[1]) : null, at: e.time };
        });
      const err = byStem.get(`${stem}.err`);
      const stdout = byStem.get(`${stem}.out`);
      const fromErr = err ? lastErrorLines(err.text) : [];
      const errTail = fromErr.find((l) => !/^application exited with status \d+$/.test(l));
      const outTail = stdout ? lastErrorLines(stdout.text)[0] : undefined;
      const tail = errTail ?? outTail ?? null;
      out.set(j.job, {
        job: j.job,
        exitCode: j.exitCode,
        holds,
        tail,
        logFile: tail === null ? f.name : errTail ? err!.name : stdout!.name,
        endedAt: mine.find((e) => e.code === '005')?.time ?? null,
      });
    }
  }
  return out;
}

/** All stdout texts of the bundle, with their names (failed files are named in them). */
export const stdoutFiles = (files: readonly LogFile[]) => files.filter((f) => f.name.endsWith('.out'));
