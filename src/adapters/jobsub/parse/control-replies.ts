// Replies of condor_rm / condor_hold / condor_release as jobsub_rm|hold|release relay them.
// Wording varies between HTCondor versions (external-apis.md 1.7, unverified); these are the forms
// the simulator prints and the parser recognises.

export type ControlCommand = 'rm' | 'hold' | 'release';
export type ControlTarget = { cluster: number; proc?: number } | { constraint: string };

export interface ControlReply {
  command?: ControlCommand;
  target?: ControlTarget;
  ok: boolean;
  line: string;
}

const DONE: Record<ControlCommand, string> = { rm: 'marked for removal', hold: 'held', release: 'released' };
const VERB: Record<ControlCommand, string> = { rm: 'remove', hold: 'hold', release: 'release' };

export function formatControlReply(command: ControlCommand, target: ControlTarget, found: boolean): string {
  if ('constraint' in target) {
    const jobs = `jobs matching constraint (${target.constraint})`;
    return found ? `All ${jobs} have been ${DONE[command]}` : `Couldn't find/${VERB[command]} all ${jobs}`;
  }
  if (target.proc !== undefined) {
    const job = `Job ${target.cluster}.${target.proc}`;
    return found ? `${job} ${DONE[command]}` : `${job} not found`;
  }
  return found
    ? `All jobs in cluster ${target.cluster} have been ${DONE[command]}`
    : `Couldn't find/${VERB[command]} all jobs in cluster ${target.cluster}`;
}

const commandByDone = (w: string) => (Object.keys(DONE) as ControlCommand[]).find((c) => DONE[c] === w);
const commandByVerb = (w: string) => (Object.keys(VERB) as ControlCommand[]).find((c) => VERB[c] === w);

type Rule = [RegExp, (m: RegExpExecArray) => Omit<ControlReply, 'line'>];
const RULES: Rule[] = [
  [/^All jobs in cluster (\d+) have been (.+?)\.?$/, (m) => ok(m[2], { cluster: +m[1] })],
  [/^All jobs matching constraint \((.*)\) have been (.+?)\.?$/, (m) => ok(m[2], { constraint: m[1] })],
  [
    /^Job (\d+)\.(\d+) (marked for removal|held|released)\.?$/,
    (m) => ok(m[3], { cluster: +m[1], proc: +m[2] }),
  ],
  [/^Couldn't find\/(\w+) all jobs in cluster (\d+)/, (m) => failed(m[1], { cluster: +m[2] })],
  [/^Couldn't find\/(\w+) all jobs matching constraint \((.*)\)/, (m) => failed(m[1], { constraint: m[2] })],
  [/^Job (\d+)\.(\d+) not found/, (m) => ({ target: { cluster: +m[1], proc: +m[2] }, ok: false })],
  [/^Cluster (\d+) not found/, (m) => ({ target: { cluster: +m[1] }, ok: false })],
  [/^No jobs found/, () => ({ ok: false })],
];

function ok(done: string, target: ControlTarget): Omit<ControlReply, 'line'> {
  return { command: commandByDone(done), target, ok: true };
}

function failed(verb: string, target: ControlTarget): Omit<ControlReply, 'line'> {
  return { command: commandByVerb(verb), target, ok: false };
}

/**
 * Recognised reply lines of a control command's output. `matched` = number of success lines
 * (clusters, jobs or constraints acted on), null when no line was recognised.
 */
export function parseControlReplies(text: string): { replies: ControlReply[]; matched: number | null } {
  const replies: ControlReply[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    for (const [re, make] of RULES) {
      const m = re.exec(line);
      if (m) {
        replies.push({ ...make(m), line });
        break;
      }
    }
  }
  return { replies, matched: replies.length ? replies.filter((r) => r.ok).length : null };
}
