import {
  nextSplit,
  type SplitContext,
  type SplitCursor,
  type SplitResult,
} from '../../../../src/domain/splits/index.js';

export interface Step {
  result: SplitResult;
  /** Cursor after the step (unchanged on exhaustion, as the caller keeps it). */
  cursor: SplitCursor;
}

/** Launches `times` times in a row, feeding each new cursor to the next launch like the stage row would. */
export async function drive(
  ctx: SplitContext,
  spec: string,
  dataset: string,
  times: number,
  cursor: SplitCursor = null,
): Promise<Step[]> {
  const steps: Step[] = [];
  for (let i = 0; i < times; i++) {
    const result = await nextSplit({ dataset, spec, cursor }, ctx, { dryRun: false });
    if (result.kind === 'dataset') cursor = result.cursor;
    steps.push({ result, cursor });
  }
  return steps;
}

export const datasets = (steps: Step[]) =>
  steps.map((s) => (s.result.kind === 'dataset' ? s.result.dataset : 'EXHAUSTED'));
export const cursors = (steps: Step[]) => steps.map((s) => s.cursor);
