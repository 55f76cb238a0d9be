import { formatClassAdValue, parseClassAdValue, type ClassAd } from './classad.js';

const ATTRIBUTE = /^([A-Za-z_][\w.]*) = (.*)$/;

/** `jobsub_q --long`: one `Name = value` line per attribute, a blank line after each job. */
export function formatQueueLong(jobs: ClassAd[]): string {
  return jobs
    .map((ad) =>
      Object.entries(ad)
        .map(([k, v]) => `${k} = ${formatClassAdValue(v)}\n`)
        .join(''),
    )
    .map((block) => `${block}\n`)
    .join('');
}

/** Parses `jobsub_q --long` output; lines that are not `Name = value` are ignored. */
export function parseQueueLong(text: string): ClassAd[] {
  const jobs: ClassAd[] = [];
  let current: ClassAd | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      current = null;
      continue;
    }
    const m = ATTRIBUTE.exec(line);
    if (!m) continue;
    if (!current) jobs.push((current = {}));
    current[m[1]] = parseClassAdValue(m[2].trim());
  }
  return jobs;
}
