import { mqlSplitDialect } from '../../domain/files/mql/split-mql.js';
import { nextSplit, type SplitContext, type SplitResult } from '../../domain/splits/index.js';
import { AppError } from '../../lib/errors.js';
import { percentFormat } from '../../lib/percent-format.js';
import type { StageLaunchConfig } from './launch-config.js';
import type { SplitSamFor } from './launch-ports.js';
import type { LaunchRequest } from './launch-request.js';

/** What choosing a dataset reads of a stage's launch configuration (a Check chain builds it from unsaved text). */
export interface DatasetConfig {
  experiment: string;
  dataService: StageLaunchConfig['dataService'];
  campaign: Pick<StageLaunchConfig['campaign'], 'keywords'>;
  stage: Pick<
    StageLaunchConfig['stage'],
    'name' | 'dataset' | 'splitType' | 'splitCursor' | 'testSplitType' | 'testSplitCursor'
  >;
}

export interface TakenDataset {
  result: SplitResult | null;
  dataset: string | null;
  cursorColumn: 'split_cursor' | 'test_split_cursor' | null;
}

/** The dataset a launch uses: an override, or the next split (the caller advances the cursor unless dryRun). */
export async function takeDataset(
  deps: { splitSamFor: SplitSamFor; splitMetacatFor?: SplitSamFor; newId: () => string; now: () => Date },
  cfg: DatasetConfig,
  req: Pick<LaunchRequest, 'datasetOverride' | 'test'>,
  dryRun: boolean,
): Promise<TakenDataset> {
  if (req.datasetOverride) return { result: null, dataset: req.datasetOverride, cursorColumn: null };
  const test = !!req.test;
  const spec = (test ? (cfg.stage.testSplitType ?? cfg.stage.splitType) : cfg.stage.splitType) ?? '';
  const cursor = test ? cfg.stage.testSplitCursor : cfg.stage.splitCursor;
  const dataset = cfg.stage.dataset.includes('%(')
    ? percentFormat(cfg.stage.dataset, cfg.campaign.keywords, {
        where: `stage ${cfg.stage.name} dataset`,
        field: 'dataset',
      })
    : cfg.stage.dataset;
  const result = await nextSplit(
    { dataset, spec, cursor, field: test ? 'test_split_type' : 'split_type' },
    { ...catalogueFor(deps, cfg.experiment, cfg.dataService), newId: deps.newId, now: deps.now },
    { dryRun },
  );
  if (result.kind === 'exhausted') return { result, dataset: null, cursorColumn: null };
  return { result, dataset: result.dataset, cursorColumn: test ? 'test_split_cursor' : 'split_cursor' };
}

/** SAM and its dimensions, or MetaCat (namespace = the experiment) and MQL, by the experiment's data service. */
export function catalogueFor(
  deps: { splitSamFor: SplitSamFor; splitMetacatFor?: SplitSamFor },
  experiment: string,
  service: StageLaunchConfig['dataService'],
): Pick<SplitContext, 'sam' | 'dialect'> {
  if (service !== 'metacat') return { sam: deps.splitSamFor(experiment) };
  if (!deps.splitMetacatFor)
    throw new AppError('unavailable', `${experiment} uses MetaCat, and no [metacat] service is configured`);
  return { sam: deps.splitMetacatFor(experiment), dialect: mqlSplitDialect(experiment) };
}
