// The stage settings as the forms show them: .ini key, document property, label, control kind.
// The same list serves stages and the campaign defaults (what stages inherit).

export const STAGE_FIELDS = [
  { key: 'job_type', prop: 'jobType', label: 'Job type', kind: 'ref', list: 'jobTypes' },
  { key: 'login_setup', prop: 'loginSetup', label: 'Login setup', kind: 'ref', list: 'loginSetups' },
  {
    key: 'dataset_or_split_data',
    prop: 'datasetOrSplitData',
    label: 'Dataset or split data',
    kind: 'text',
    noneable: true,
    help: 'SAM definition; a list for list splits; None for none',
  },
  { key: 'cs_split_type', prop: 'csSplitType', label: 'Split type', kind: 'split', noneable: true },
  { key: 'software_version', prop: 'softwareVersion', label: 'Software version', kind: 'text' },
  { key: 'vo_role', prop: 'voRole', label: 'VO role', kind: 'choice', list: 'voRoles' },
  {
    key: 'completion_type',
    prop: 'completionType',
    label: 'Completion type',
    kind: 'choice',
    list: 'completionTypes',
  },
  { key: 'completion_pct', prop: 'completionPct', label: 'Completion %', kind: 'percent' },
  { key: 'stage_type', prop: 'stageType', label: 'Stage type', kind: 'choice', list: 'stageTypes' },
  {
    key: 'output_ancestor_depth',
    prop: 'outputAncestorDepth',
    label: 'Output ancestor depth',
    kind: 'depth',
  },
  {
    key: 'stall_hours',
    prop: 'stallHours',
    label: 'Stalled after, hours',
    kind: 'hours',
    help: 'No file located for this long flags it stalled; empty: inherited, then the experiment’s',
  },
  {
    key: 'test_split_type',
    prop: 'testSplitType',
    label: 'Test split type',
    kind: 'text',
    noneable: true,
    help: 'For test launches; empty: the split type',
  },
  {
    key: 'merge_overrides',
    prop: 'mergeOverrides',
    label: 'Merge overrides',
    kind: 'bool',
    help: 'True: the defaults’ overrides come first',
  },
  {
    key: 'default_clear_cronjob',
    prop: 'defaultClearCronjob',
    label: 'Clear cron job when done',
    kind: 'bool',
  },
  { key: 'param_overrides', prop: 'paramOverrides', label: 'Parameter overrides', kind: 'pairs' },
  {
    key: 'test_param_overrides',
    prop: 'testParamOverrides',
    label: 'Test parameter overrides',
    kind: 'pairs',
  },
];

/** A value as the .ini writes it (placeholders show inherited values this way). */
export function valueText(value) {
  if (value === undefined) return '';
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}
