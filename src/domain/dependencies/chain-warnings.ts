// What "Check chain" warns about in a campaign's stages and dependencies (issue 18 item 4). Pure:
// counts come from SAM through the caller. File patterns are SQL LIKE patterns on file names; a
// pattern containing a space is a raw dims fragment, which this module cannot reason about.

export interface ChainStage {
  name: string;
  jobType: string | null;
  loginSetup: string | null;
  /** False when the named job type / login setup is defined neither in the text nor in the experiment. */
  jobTypeExists?: boolean;
  loginSetupExists?: boolean;
  /** The job type's output file patterns. */
  outputPatterns: string[];
}

export interface ChainDependency {
  upstream: string;
  downstream: string;
  pattern: string;
  /** Upstream outputs the pattern selects now; undefined when not counted. */
  matches?: number;
}

export interface ChainWarning {
  kind:
    | 'missing_job_type'
    | 'missing_login_setup'
    | 'credentials'
    | 'zero_match'
    | 'overlap'
    | 'unconsumed_output'
    /** Added by the caller: the stage's dataset or split could not be read or counted. */
    | 'dataset'
    /** Added by the caller: the stage's split has nothing left to launch. */
    | 'exhausted';
  /** The stage warned about; '' for the whole campaign (credentials are the launcher's, not a stage's). */
  stage: string;
  message: string;
}

const isLike = (p: string) => !/\s/.test(p.trim());
const like = (p: string) => p.trim() || '%';

/** Whether some file name matches both LIKE patterns (`%` any run, `_` one character). */
export function likePatternsOverlap(a: string, b: string): boolean {
  const p = like(a);
  const q = like(b);
  const seen = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (q.length + 1) + j;
    const hit = seen.get(key);
    if (hit !== undefined) return hit;
    seen.set(key, false);
    let r: boolean;
    if (i === p.length && j === q.length) r = true;
    else if (i < p.length && p[i] === '%') r = go(i + 1, j) || (j < q.length && go(i, j + 1));
    else if (j < q.length && q[j] === '%') r = go(i, j + 1) || (i < p.length && go(i + 1, j));
    else if (i < p.length && j < q.length)
      r = (p[i] === q[j] || p[i] === '_' || q[j] === '_') && go(i + 1, j + 1);
    else r = false;
    seen.set(key, r);
    return r;
  };
  return go(0, 0);
}

/**
 * The warnings of a chain: the launcher's credential problem once (every launch of the campaign
 * shares it), then stage by stage in the order given.
 */
export function chainWarnings(
  stages: readonly ChainStage[],
  deps: readonly ChainDependency[],
  credentialProblem: string | null = null,
): ChainWarning[] {
  const out: ChainWarning[] = [];
  if (credentialProblem)
    out.push({
      kind: 'credentials',
      stage: '',
      message: `every launch of this campaign would be refused: ${credentialProblem}`,
    });
  for (const s of stages) {
    if (!s.jobType)
      out.push({ kind: 'missing_job_type', stage: s.name, message: `stage ${s.name} has no job type` });
    else if (s.jobTypeExists === false)
      out.push({
        kind: 'missing_job_type',
        stage: s.name,
        message: `stage ${s.name}: job type ${s.jobType} does not exist`,
      });
    if (!s.loginSetup)
      out.push({ kind: 'missing_login_setup', stage: s.name, message: `stage ${s.name} has no login setup` });
    else if (s.loginSetupExists === false)
      out.push({
        kind: 'missing_login_setup',
        stage: s.name,
        message: `stage ${s.name}: login setup ${s.loginSetup} does not exist`,
      });
    const downstream = deps.filter((d) => d.upstream === s.name && d.downstream !== s.name);
    for (const [i, a] of downstream.entries())
      for (const b of downstream.slice(i + 1))
        if (
          a.downstream !== b.downstream &&
          isLike(a.pattern) &&
          isLike(b.pattern) &&
          likePatternsOverlap(a.pattern, b.pattern)
        )
          out.push({
            kind: 'overlap',
            stage: s.name,
            message: `stages ${a.downstream} (${like(a.pattern)}) and ${b.downstream} (${like(b.pattern)}) both take outputs of ${s.name} that match both patterns`,
          });
    if (downstream.length)
      for (const o of s.outputPatterns.filter(isLike))
        if (!downstream.some((d) => !isLike(d.pattern) || likePatternsOverlap(o, d.pattern)))
          out.push({
            kind: 'unconsumed_output',
            stage: s.name,
            message: `no dependency consumes the outputs of ${s.name} matching ${o}`,
          });
  }
  const byName = new Map(stages.map((s) => [s.name, s]));
  for (const d of deps) {
    const up = byName.get(d.upstream);
    const outputs = up?.jobType && up.jobTypeExists !== false ? up.outputPatterns.filter(isLike) : [];
    // Against the upstream's output patterns: a pattern no output name can match never selects anything.
    if (
      d.upstream !== d.downstream &&
      isLike(d.pattern) &&
      outputs.length === up?.outputPatterns.length &&
      outputs.length > 0 &&
      !outputs.some((o) => likePatternsOverlap(o, d.pattern))
    )
      out.push({
        kind: 'zero_match',
        stage: d.downstream,
        message: `the pattern ${like(d.pattern)} of ${d.downstream} can match no output of ${d.upstream} (its job type writes ${outputs.join(', ')})`,
      });
    else if (d.matches === 0)
      out.push({
        kind: 'zero_match',
        stage: d.downstream,
        message: `the pattern ${like(d.pattern)} of ${d.downstream} selects none of the existing outputs of ${d.upstream}`,
      });
  }
  return out;
}
