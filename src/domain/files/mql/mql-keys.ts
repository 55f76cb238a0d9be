// Metadata keys the MQL builders filter on. MetaCat's metadata is experiment-defined; these are
// DUNE's conventions (`core.*`), the first experiment on MetaCat. Run numbers: `core.runs` holds
// runs, `core.runs_subruns` run·100000+subrun; times are epoch seconds.
export const MQL_KEYS = {
  runs: 'core.runs',
  runsSubruns: 'core.runs_subruns',
  endTime: 'core.end_time',
  version: 'core.application.version',
  dataTier: 'core.data_tier',
} as const;

/** The `core.runs_subruns` value of a run and subrun. */
export const runSubrun = (run: number, subrun: number): number => run * 100000 + subrun;

/**
 * A metadata key POMS may write into MQL unquoted: `category.name[.more]`, letters, digits and _
 * (`[metacat] attribution_param` is checked against it at config load).
 */
export const METADATA_KEY = /^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/** Where the jobs of a MetaCat launch put the submission id, by default. */
export const DEFAULT_MQL_ATTRIBUTION_KEY = 'poms.submission_id';
