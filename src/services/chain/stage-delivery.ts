import type { SplitSam } from '../../domain/splits/index.js';
import type { SplitDialect } from '../../domain/splits/split-dialect.js';
import { samSplitDims } from '../../domain/files/sam-split-dims.js';
import { catalogueFor, takeDataset, type DatasetConfig } from '../launch/take-dataset.js';
import type { SplitSamFor } from '../launch/launch-ports.js';
import type { MetacatDataHandling } from '../data/metacat-data-handling.js';
import { FIRST_FILES, reportable } from './problem-text.js';

export interface DeliveryDeps {
  splitSamFor: SplitSamFor;
  splitMetacatFor?: SplitSamFor;
  /** MetaCat experiments: the query a launch's Data Dispatcher project is made from. */
  metacat?: Pick<MetacatDataHandling, 'projectQuery'>;
  newId: () => string;
  now: () => Date;
}

/** What the next (production) launch of a stage would run on, as the launch itself would choose it. */
export interface StageDelivery {
  /** The dataset the launch would be given; null when exhausted or unreadable. */
  dataset: string | null;
  /** Files that dataset holds now; null when they could not be counted (see problem). */
  files: number | null;
  /** The first few of them, in the catalogue's order. */
  firstFiles: string[];
  /** Definitions the launch would create (none is created by the check). */
  definitions: string[];
  /** Why the split would refuse to launch (no files left). */
  exhausted: string | null;
  /** Why nothing could be counted (bad split spec, unknown dataset…). */
  problem: string | null;
  /** Why there is nothing to count although the launch would run (a plain parameter string). */
  note: string | null;
}

const PLAIN = 'a plain string for %(dataset)s, not a catalogue dataset';

const empty = {
  dataset: null,
  files: null,
  firstFiles: [],
  definitions: [],
  exhausted: null,
  problem: null,
  note: null,
};

/**
 * The split the launch would take, in the split types' dry-run mode (no definition, no snapshot,
 * no cursor written), and the files of the resulting dataset counted with the same query text
 * the launch's definition would hold.
 */
export async function stageDelivery(deps: DeliveryDeps, cfg: DatasetConfig): Promise<StageDelivery> {
  // Without dataset and split a launch runs on no input files (generators; stages fed by dependencies).
  if (!cfg.stage.dataset.trim() && !cfg.stage.splitType) return { ...empty, files: 0, problem: null };
  if (!cfg.stage.dataset.trim())
    return { ...empty, problem: `its split ${cfg.stage.splitType} needs a dataset` };
  try {
    const taken = await takeDataset(deps, cfg, {}, true);
    const result = taken.result;
    if (result?.kind === 'exhausted') return { ...empty, files: 0, exhausted: result.reason };
    const dataset = taken.dataset!;
    if (result?.kind === 'dataset' && result.plain)
      return { ...empty, dataset, note: `${PLAIN}; no catalogue files to count` };
    const definitions = result?.kind === 'dataset' ? result.definitions : [];
    const { sam, dialect = samSplitDims } = catalogueFor(deps, cfg.experiment, cfg.dataService);
    // A dataset the launch defines: its text; else what the launch's project (or SAM's) is made of.
    const dims =
      definitions.find((d) => d.name === dataset)?.dims ??
      (dialect.service === 'metacat' && deps.metacat
        ? await deps.metacat.projectQuery(dataset)
        : dialect.undelivered(dataset, 0));
    const files = await sam.countFiles(dims);
    return {
      dataset,
      files,
      firstFiles: files ? await firstFiles(sam, dialect, dims) : [],
      definitions: definitions.map((d) => d.name),
      exhausted: null,
      problem: null,
      note: null,
    };
  } catch (e) {
    return { ...empty, problem: reportable(e) };
  }
}

/** SAM applies one `with limit` to a whole query: a query that has modifiers already is listed whole. */
async function firstFiles(sam: SplitSam, dialect: SplitDialect, dims: string): Promise<string[]> {
  const bounded = dialect.service !== 'sam' || !/\bwith\b/i.test(dims);
  const names = await sam.listFiles(bounded ? dialect.limit(dims, FIRST_FILES) : dims);
  return names.slice(0, FIRST_FILES);
}
