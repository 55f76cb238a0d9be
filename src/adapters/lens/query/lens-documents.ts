import { graphqlInt, graphqlName, graphqlString } from './graphql-literal.js';

/** What to look a submission up by: its jobsub id (`C.0@schedd`) or its POMS submission id. */
export type LensKey = { jobId: string } | { taskId: number };

export const COUNT_FIELDS = ['done', 'running', 'idle', 'held', 'failed', 'completed', 'cancelled'] as const;
export const DD_ENV = ['POMS_DATA_DISPATCHER_PROJECT_ID', 'POMS_DATA_DISPATCHER_TASK_ID'];

/** `NAME: env(name: "NAME")` for each name: env values are always aliased by their own name. */
export function envFields(names: string[]): string[] {
  return names.map((n) => `${graphqlName(n)}: env(name: ${graphqlString(n)})`);
}

export function submissionArgs(key: LensKey): string {
  return 'jobId' in key ? `id: ${graphqlString(key.jobId)}` : `pomsTaskID: ${graphqlInt(key.taskId)}`;
}

/** UTC `YYYY-MM-DDTHH:MM:SS`, the form Lens takes for from/to. */
export function lensTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/** Query 1: recent submissions of a group, optionally changed within a window. */
export function recentSubmissionsQuery(
  group: string,
  window?: { from: Date; to?: Date | 'now' },
  env: string[] = DD_ENV,
): string {
  const args = [`group: ${graphqlString(group)}`];
  if (window) {
    const to = window.to === undefined || window.to === 'now' ? 'now' : lensTimestamp(window.to);
    args.push(`from: ${graphqlString(lensTimestamp(window.from))}`, `to: ${graphqlString(to)}`);
  }
  return `{ submissions(${args.join(', ')}) { ${['pomsTaskID', 'id', ...envFields(env)].join(' ')} } }`;
}

/** Query 2: counts of one submission (by jobsub id, or by task id for `byTaskId`). */
export function submissionCountsQuery(key: LensKey): string {
  const fields = ['id', 'pomsTaskID', ...envFields(['POMS_ENV']), ...COUNT_FIELDS];
  return `{ submission(${submissionArgs(key)}) { ${fields.join(' ')} } }`;
}

/** Query 3: what names the submission's SAM project. */
export function submissionProjectQuery(key: LensKey): string {
  const fields = ['id', ...envFields(['SAM_PROJECT', 'SAM_PROJECT_NAME']), 'args'];
  return `{ submission(${submissionArgs(key)}) { ${fields.join(' ')} } }`;
}
