import type { RecoveryType } from '../recovery/recovery-types.js';
import type { FileAccounting } from './file-accounting.js';

// What POMS decides from a Data Dispatcher project's handles (external-apis.md 4.4): which files
// were delivered (attribution), which to recover, and whether the submission is Located.

export interface HandleView {
  namespace: string;
  name: string;
  state: 'initial' | 'reserved' | 'done' | 'failed';
}

export const didOf = (h: Pick<HandleView, 'namespace' | 'name'>): string => `${h.namespace}:${h.name}`;

/** Handed to a job: every handle no longer `initial` (SAM: every consumed status but `unknown`). */
export const deliveredDids = (handles: readonly HandleView[]): string[] =>
  handles.filter((h) => h.state !== 'initial').map(didOf);

/** Recovery types read from DD states; `reprocess_orphans` needs MetaCat provenance (orphansOf). */
export const DD_STATE_RECOVERIES = ['state_failed', 'state_not_done', 'reprocess_all'] as const;
export type DdStateRecovery = (typeof DD_STATE_RECOVERIES)[number];

export function recoverySelection(type: DdStateRecovery, handles: readonly HandleView[]): string[] {
  const pick =
    type === 'state_failed'
      ? (h: HandleView) => h.state === 'failed'
      : type === 'state_not_done'
        ? (h: HandleView) => h.state !== 'done'
        : () => true;
  return handles.filter(pick).map(didOf);
}

export interface LocatedInput {
  /** The project no longer hands out files (done, failed, cancelled). */
  projectEnded: boolean;
  /** Handles done: each should have produced outputs. */
  done: number;
  /** Attributed outputs matching the output patterns. */
  expected: number;
  /** Of those, the ones with a Rucio replica. */
  replicated: number;
}

/** Located: the project ended and every expected output has a replica (none expected only if nothing was done). */
export const isLocated = (x: LocatedInput): boolean =>
  x.projectEnded && x.replicated === x.expected && (x.expected > 0 || x.done === 0);

/**
 * Input files whose outputs are all located, as far as counts tell: the done handles less one per
 * output without a replica (each stands for at most one input), never below 0; none until the
 * project ended. A lower bound, so Located never passes early.
 */
export const locatedInputs = (x: LocatedInput): number =>
  x.projectEnded ? Math.max(0, x.done - (x.expected - x.replicated)) : 0;

/**
 * The POMS recovery types in Data Dispatcher terms: handle states, provenance orphans, or (for
 * `added_files`) the input query's files the project does not hold.
 */
export function ddRecoveryOf(type: RecoveryType): DdStateRecovery | 'reprocess_orphans' | 'added_files' {
  switch (type) {
    case 'consumed_status':
    case 'delivered_not_consumed':
      return 'state_not_done';
    case 'process_status':
      return 'state_failed';
    case 'pending_files':
      return 'reprocess_orphans';
    case 'added_files':
      return 'added_files';
  }
}

/** Handle counts by state, in the file report's words (never-handed-out files are `unknown`). */
export function handleTotals(handles: readonly Pick<HandleView, 'state'>[]) {
  const n = (s: HandleView['state']) => handles.filter((h) => h.state === s).length;
  return {
    submitted: handles.length,
    consumed: n('done'),
    failed: n('failed'),
    stillDelivered: n('reserved'),
    unknown: n('initial'),
  };
}

/** A submission's file report from its project's handles and its outputs (see file-accounting.ts). */
export function ddFileAccounting(
  handles: readonly Pick<HandleView, 'state'>[],
  x: LocatedInput,
): FileAccounting {
  const t = handleTotals(handles);
  return {
    ...t,
    delivered: t.consumed + t.failed + t.stillDelivered,
    skipped: 0,
    cancelled: 0,
    outputsDeclared: x.expected,
    outputsLocated: x.replicated,
    pending: t.submitted - Math.min(locatedInputs(x), t.submitted),
    incomplete: false,
  };
}
