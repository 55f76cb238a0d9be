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
