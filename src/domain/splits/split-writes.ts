import { dialectOf, type SplitContext, type SplitDefinition, type SplitOptions } from './split-type.js';

// The only places split types write to SAM; a dry run skips every write.

/** Creates `name` = `dims` (replacing it) unless this is a dry run; returns the definition. */
export async function define(
  ctx: SplitContext,
  opts: SplitOptions,
  name: string,
  dims: string,
): Promise<SplitDefinition> {
  if (!opts.dryRun) await ctx.sam.createDefinition(name, dims);
  return { name, dims };
}

/**
 * Snapshots the slice just defined and, when files were delivered before (`previous` ≠ 0), defines
 * `fullName` = the union of snapshots `previous` and the new one and snapshots that too. Returns the id of
 * the snapshot covering every file delivered so far (the next cursor). Never called in a dry run.
 */
export async function accumulateSnapshot(
  ctx: SplitContext,
  slice: string,
  previous: number,
  fullName: string,
  definitions: SplitDefinition[],
): Promise<number> {
  const sliceSnapshot = await ctx.sam.takeSnapshot(slice);
  if (!previous) return sliceSnapshot;
  const dims = dialectOf(ctx).snapshotUnion(previous, sliceSnapshot);
  await ctx.sam.createDefinition(fullName, dims);
  definitions.push({ name: fullName, dims });
  return ctx.sam.takeSnapshot(fullName);
}

/**
 * The cursor as a whole number: null (never launched) and anything not a positive integer give 0,
 * which means "start" for index cursors and "nothing delivered yet" for snapshot cursors.
 */
export function cursorOrZero(cursor: number | null): number {
  return cursor !== null && Number.isSafeInteger(cursor) && cursor > 0 ? cursor : 0;
}
