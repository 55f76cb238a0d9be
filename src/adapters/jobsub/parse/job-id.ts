// jobsub job ids: `<cluster>[.<proc>]@<schedd>` (jobsub_lite grammar, hyphens allowed in the schedd
// name) and the padded `<cluster>.000000.<proc>.000000@<schedd>` form Lens sometimes returns.

export interface ParsedJobId {
  cluster: number;
  /** null = the whole cluster. */
  proc: number | null;
  schedd: string;
}

const PLAIN = /^(\d+)(?:\.(\d+))?@([\w.-]+)$/;
const PADDED = /^(\d+)\.0+\.(\d+)\.0+@([\w.-]+)$/;

export function parseJobId(text: string): ParsedJobId | null {
  const m = PLAIN.exec(text.trim()) ?? PADDED.exec(text.trim());
  if (!m) return null;
  return { cluster: Number(m[1]), proc: m[2] === undefined ? null : Number(m[2]), schedd: m[3] };
}

export function formatJobId(id: ParsedJobId): string {
  return id.proc === null ? `${id.cluster}@${id.schedd}` : `${id.cluster}.${id.proc}@${id.schedd}`;
}

/** POMS's stored form: `.0@` becomes `@` (`5001.0@s` → `5001@s`); other procs are kept. */
export function toPomsJobId(id: string): string {
  const p = parseJobId(id);
  if (!p) return id.replace('.0@', '@');
  return formatJobId({ ...p, proc: p.proc === 0 ? null : p.proc });
}

/** Lens's form: always `<cluster>.<proc>@<schedd>` (`5001@s` → `5001.0@s`). */
export function toLensJobId(id: string): string {
  const p = parseJobId(id);
  if (!p) return id;
  return formatJobId({ ...p, proc: p.proc ?? 0 });
}
