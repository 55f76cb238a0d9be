import { displayLine, type CommandWord } from '../../../lib/remote-script/index.js';

/** POMS kill_jobs actions: kill and cancel both remove (POMS then marks Removed / Cancelled). */
export type ControlAct = 'kill' | 'cancel' | 'hold' | 'release';
export type ControlScope = { kind: 'campaign' | 'stage' | 'submission'; id: number };

const PROGRAM: Record<ControlAct, string> = {
  kill: 'jobsub_rm',
  cancel: 'jobsub_rm',
  hold: 'jobsub_hold',
  release: 'jobsub_release',
};
const ATTRIBUTE: Record<ControlScope['kind'], string> = {
  campaign: 'POMS4_CAMPAIGN_ID',
  stage: 'POMS4_CAMPAIGN_STAGE_ID',
  submission: 'POMS4_SUBMISSION_ID',
};

/** `-G <group> [--role <role>]`, as words to quote with the rest of a jobsub command. */
export const groupWords = (group: string, role?: string): string[] => [
  '-G',
  group,
  ...(role ? ['--role', role] : []),
];

export function scopeConstraint(scope: ControlScope): string {
  if (!Number.isSafeInteger(scope.id) || scope.id < 0)
    throw new RangeError(`bad ${scope.kind} id ${scope.id}`);
  return `${ATTRIBUTE[scope.kind]}==${scope.id}`;
}

/** `-G <group> [--role <role>]` with the group and role as values of the command line. */
export const groupArgs = (group: string, role?: string): CommandWord[] => [
  '-G',
  { value: group },
  ...(role ? ['--role', { value: role }] : []),
];

/**
 * The two commands POMS runs for kill/cancel/hold/release (external-apis.md 1.7): one by the scope's
 * POMS4 classad constraint (DAGMan jobs lack it, hence the second), one by the stored job ids
 * (`C@schedd`), which repeats the constraint when no ids are known.
 */
export function controlWords(
  act: ControlAct,
  scope: ControlScope,
  group: string,
  role: string | undefined,
  jobIds: string[],
): [CommandWord[], CommandWord[]] {
  const base: CommandWord[] = [PROGRAM[act], ...groupArgs(group, role)];
  const byConstraint: CommandWord[] = [...base, '--constraint', { value: scopeConstraint(scope) }];
  const byIds: CommandWord[] = jobIds.length
    ? [...base, { prefix: '--jobid=', value: jobIds.join(',') }]
    : byConstraint;
  return [byConstraint, byIds];
}

/** The two commands of controlWords as a person would type them (shown with the output). */
export function buildControlCommands(
  act: ControlAct,
  scope: ControlScope,
  group: string,
  role: string | undefined,
  jobIds: string[],
): [string, string] {
  const [a, b] = controlWords(act, scope, group, role, jobIds);
  return [displayLine(a), displayLine(b)];
}
