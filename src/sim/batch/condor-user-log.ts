import { COMPLETED, HELD, IDLE, REMOVED, RUNNING, type SimJob } from './batch-types.js';

// The HTCondor user log of a job, rebuilt from its transitions (external-apis.md 1.8): events
// 000 submitted, 001 executing, 012 held, 013 released, 005 terminated, 009 aborted; ISO
// timestamps (`YYYY-MM-DD HH:MM:SS`, UTC); each event ends with `...`.

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function condorUserLog(job: SimJob, owner: string): string {
  const id = `(${job.cluster}.${String(job.proc).padStart(3, '0')}.000)`;
  const ev = (code: string, at: number, title: string, body: string[] = []) =>
    [`${code} ${id} ${stamp(at)} ${title}`, ...body.map((b) => `\t${b}`), '...'].join('\n');
  const out: string[] = [];
  let prev: number | undefined;
  let runStart = 0;
  for (const t of job.history) {
    if (t.status === IDLE && prev === undefined)
      out.push(ev('000', t.at, 'Job submitted from host: <127.0.0.1:9618?addrs=127.0.0.1-9618>'));
    else if (t.status === IDLE && prev === HELD)
      out.push(ev('013', t.at, 'Job was released.', [`via condor_release (by user ${owner})`]));
    else if (t.status === RUNNING) {
      runStart = t.at;
      out.push(
        ev('001', t.at, 'Job executing on host: <10.10.0.17:9618?addrs=10.10.0.17-9618>', [
          'JOB_Site = FermiGrid',
        ]),
      );
    } else if (t.status === HELD) {
      out.push(
        ev('012', t.at, 'Job was held.', [
          t.holdReason ?? 'via condor_hold',
          `Code ${t.holdReasonCode ?? job.holdReasonCode ?? 1} Subcode 0`,
        ]),
      );
    } else if (t.status === COMPLETED) {
      const usage = hms(Math.floor((t.at - runStart) / 1000));
      out.push(
        ev('005', t.at, 'Job terminated.', [
          `(1) Normal termination (return value ${t.exitCode ?? 0})`,
          `\tUsr ${usage}, Sys 0 00:00:01  -  Run Remote Usage`,
          '0  -  Run Bytes Sent By Job',
          'Partitionable Resources :    Usage  Request Allocated',
          `   Disk (KB)            :    20480  1000000   1048576`,
          `   Memory (MB)          :      512     2000      2048`,
        ]),
      );
    } else if (t.status === REMOVED) {
      out.push(ev('009', t.at, 'Job was aborted.', [`via condor_rm (by user ${owner})`]));
    }
    prev = t.status;
  }
  return out.map((e) => `${e}\n`).join('');
}

function hms(s: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 86400)} ${p(Math.floor(s / 3600) % 24)}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}
