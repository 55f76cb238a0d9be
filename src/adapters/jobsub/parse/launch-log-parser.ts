import { LAUNCH_ERROR_PATTERNS, LAUNCH_PATTERNS as P } from './launch-patterns.js';

/** What a launch log says about the launch. */
export interface LaunchEvents {
  /** `== process_id: <pid> ==` (first one wins). */
  remotePid?: number;
  /** `== process_start: <ps -o lstart> ==` (first one wins): tells a reused pid from the launch's. */
  remotePidStart?: string;
  /** `Task=<id>` from get_submission_id_for (first one wins). */
  assignedSubmissionId?: number;
  /** Every `Use job id … to retrieve output`, as printed (`C.0@schedd`), in order, without repeats. */
  jobIds: string[];
  /** `<n> job(s) submitted to cluster <c>.`, in order. */
  jobCounts: number[];
  /** `For Status, use URL: <url>` (last one wins). */
  statusUrl?: string;
  /** `== completed: <pid> ==` seen. */
  finished: boolean;
  /** Error lines (see LAUNCH_ERROR_PATTERNS), trimmed, in order. */
  errors: string[];
}

/** Parses a launch log fed in arbitrary chunks (a line split across chunks is handled). */
export class LaunchLogParser {
  private partial = '';
  private readonly state: LaunchEvents = { jobIds: [], jobCounts: [], finished: false, errors: [] };

  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Parses a last unterminated line, if any, and returns the result. */
  end(): LaunchEvents {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    return this.events;
  }

  /** A copy of what the complete lines seen so far say. */
  get events(): LaunchEvents {
    const s = this.state;
    return { ...s, jobIds: [...s.jobIds], jobCounts: [...s.jobCounts], errors: [...s.errors] };
  }

  private line(raw: string): void {
    const line = raw.replace(/\r$/, '');
    const s = this.state;
    let m: RegExpExecArray | null;
    if ((m = P.processId.exec(line))) s.remotePid ??= Number(m[1]);
    else if ((m = P.processStart.exec(line))) s.remotePidStart ??= m[1];
    else if (P.completed.test(line)) s.finished = true;
    else if ((m = P.task.exec(line))) s.assignedSubmissionId ??= Number(m[1]);
    else if ((m = P.submitted.exec(line))) s.jobCounts.push(Number(m[1]));
    else if ((m = P.jobId.exec(line))) {
      const id = `${m[1]}.${m[2] ?? '0'}@${m[3]}`;
      if (!s.jobIds.includes(id)) s.jobIds.push(id);
    } else if ((m = P.statusUrl.exec(line))) s.statusUrl = m[1];
    else if (LAUNCH_ERROR_PATTERNS.some((re) => re.test(line))) s.errors.push(line.trim());
  }
}

export function parseLaunchOutput(text: string): LaunchEvents {
  const parser = new LaunchLogParser();
  parser.push(text);
  return parser.end();
}
