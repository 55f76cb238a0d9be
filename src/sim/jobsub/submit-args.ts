import { all, last, parseCli } from './cli-args.js';

/** jobsub_submit's options (jobsub_lite lib/get_parser.py) that take a value, by spelling. */
const VALUED: Record<string, string> = {
  '-G': 'group',
  '--group': 'group',
  '--role': 'role',
  '-N': 'count',
  '--dataset-definition': 'dataset',
  '--dataset_definition': 'dataset',
  '--project-name': 'project',
  '--project_name': 'project',
  '-e': 'env',
  '--environment': 'env',
  '-l': 'line',
  '--lines': 'line',
  '--job-info': 'job-info',
  '-f': 'file',
  '--tar-file-name': 'tar',
  '--tar_file_name': 'tar',
  '--memory': 'memory',
  '--disk': 'disk',
  '--cpu': 'cpu',
  '--expected-lifetime': 'lifetime',
  '--resource-provides': 'resource-provides',
  '--OS': 'os',
  '--singularity-image': 'image',
  '--maxConcurrent': 'max-concurrent',
  '--site': 'site',
  '--email-to': 'email',
  '-L': 'log-file',
  '--log-file': 'log-file',
  '--timeout': 'timeout',
  '--subgroup': 'subgroup',
  '--append_condor_requirements': 'requirements',
  '--blacklist': 'blacklist',
  '-d': 'directory',
  '--auth-methods': 'auth',
};

export const MAX_JOBS_PER_SUBMISSION = 10_000;

export interface SubmitSpec {
  group?: string;
  role?: string;
  count: number;
  dataset?: string;
  projectName?: string;
  /** `-e NAME=VALUE` or `-e NAME` (value from the submitting environment). */
  env: Array<[string, string | undefined]>;
  /** `-l/--lines` classad lines as given. */
  lines: string[];
  executable?: string;
  args: string[];
  /** argparse-style problems; non-empty = exit 2. */
  errors: string[];
}

export function parseSubmitArgs(argv: readonly string[]): SubmitSpec {
  const p = parseCli(argv, { valued: VALUED, stopAt: 'file://' });
  const errors = [...p.errors];
  const countText = last(p, 'count') ?? '1';
  const count = /^\d+$/.test(countText) ? Number(countText) : NaN;
  if (Number.isNaN(count)) errors.push(`argument -N: invalid int value: '${countText}'`);
  if (p.rest.length === 0) errors.push('the following arguments are required: executable (file://…)');
  return {
    group: last(p, 'group'),
    role: last(p, 'role'),
    count: Number.isNaN(count) ? 1 : count,
    dataset: last(p, 'dataset'),
    projectName: last(p, 'project'),
    env: all(p, 'env').map((e) => {
      const eq = e.indexOf('=');
      return eq < 0 ? [e, undefined] : [e.slice(0, eq), e.slice(eq + 1)];
    }),
    lines: all(p, 'line'),
    executable: p.rest[0],
    args: p.rest.slice(1),
    errors,
  };
}

/** `+Attr = value` / `+Attr=value` → [Attr, raw value]; null when not a classad line. */
export function parseClassAdLine(line: string): [string, string] | null {
  const m = /^\s*\+?([A-Za-z_][\w.]*)\s*=\s*(.*?)\s*$/s.exec(line);
  return m ? [m[1], m[2]] : null;
}
