// Number of jobs asked of jobsub, read from the executed command line: `-N 5`, `-N5` or `-N=5`.
// Used as the located threshold basis of a submission without a SAM project. The last occurrence
// wins (wrappers append options); null when absent.

const JOB_COUNT = /(?:^|\s)-N\s*=?\s*(\d+)(?=\s|$)/g;

export function jobCountFromCommand(command: string | null | undefined): number | null {
  if (!command) return null;
  let found: number | null = null;
  for (const m of command.matchAll(JOB_COUNT)) found = Number(m[1]);
  return found;
}
