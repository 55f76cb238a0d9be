// Monotonic ids shared by the whole world (SAM ids are per server, cluster ids per pool here).

export interface IdCounters {
  file: number;
  definition: number;
  snapshot: number;
  project: number;
  process: number;
  /** Next HTCondor cluster id. */
  cluster: number;
  /** Next Data Dispatcher project id. */
  ddProject: number;
}

export const initialCounters = (): IdCounters => ({
  file: 10_001,
  definition: 301,
  snapshot: 501,
  project: 701,
  process: 9_001,
  cluster: 5_001,
  ddProject: 1_801,
});

export function nextId(c: IdCounters, kind: keyof IdCounters): number {
  return c[kind]++;
}
