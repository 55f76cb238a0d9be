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
