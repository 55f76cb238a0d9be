import {
  DEFAULT_BATCH,
  DEFAULT_KNOBS,
  DEFAULT_LENS,
  DEFAULT_REST,
  DEFAULT_SAM,
  faultsSchema,
  type BatchKnobs,
  type Faults,
  type LaunchFailure,
  type LensKnobs,
  type RestKnobs,
  type RestService,
  type ResolvedKnobs,
  type SamKnobs,
  type StageKnobs,
} from './fault-knobs.js';

/** Where a job or launch belongs, for picking its knobs. */
export interface KnobScope {
  stage?: string | null;
  dataset?: string | null;
}

const defined = (k: StageKnobs): StageKnobs =>
  Object.fromEntries(Object.entries(k).filter(([, v]) => v !== undefined)) as StageKnobs;

/** The scenario's fault knobs; read by the world at every draw, changed through the admin API. */
export class FaultStore {
  private faults: Faults;
  /** Resolved knobs per scope, read at every draw (several per simulated file); cleared on change. */
  private readonly resolved = new Map<string, Readonly<ResolvedKnobs>>();

  constructor(
    private readonly changed: () => void,
    saved?: unknown,
  ) {
    this.faults = faultsSchema.parse(saved ?? {});
  }

  get(): Faults {
    return structuredClone(this.faults);
  }

  /** Replaces every knob (input validated with faultsSchema; throws ZodError). */
  replace(input: unknown): Faults {
    this.faults = faultsSchema.parse(input);
    this.resolved.clear();
    this.changed();
    return this.get();
  }

  /**
   * Merges: `global`, `sam`, `lens`, `batch`, `metacat`, `dd`, `rucio` field by field; `stages`/`datasets` per key, field by field, a
   * key set to null removes that stage's or dataset's knobs.
   */
  patch(input: Record<string, unknown>): Faults {
    const cur = this.faults;
    const next = {
      global: { ...cur.global, ...(input.global as object) },
      sam: { ...cur.sam, ...(input.sam as object) },
      lens: { ...cur.lens, ...(input.lens as object) },
      batch: { ...cur.batch, ...(input.batch as object) },
      metacat: { ...cur.metacat, ...(input.metacat as object) },
      dd: { ...cur.dd, ...(input.dd as object) },
      rucio: { ...cur.rucio, ...(input.rucio as object) },
      stages: mergeKeyed(cur.stages, input.stages),
      datasets: mergeKeyed(cur.datasets, input.datasets),
    };
    return this.replace(next);
  }

  knobs(scope: KnobScope): Readonly<ResolvedKnobs> {
    const key = `${scope.stage ?? ''}\u0000${scope.dataset ?? ''}`;
    let out = this.resolved.get(key);
    if (out) return out;
    const f = this.faults;
    out = Object.freeze({
      ...DEFAULT_KNOBS,
      ...defined(f.global),
      ...(scope.dataset ? defined(f.datasets[scope.dataset] ?? {}) : {}),
      ...(scope.stage ? defined(f.stages[scope.stage] ?? {}) : {}),
    });
    this.resolved.set(key, out);
    return out;
  }

  sam(): SamKnobs {
    return { ...DEFAULT_SAM, ...(this.faults.sam as Partial<SamKnobs>) };
  }

  lens(): LensKnobs {
    return { ...DEFAULT_LENS, ...(this.faults.lens as Partial<LensKnobs>) };
  }

  /** MetaCat's, Data Dispatcher's or Rucio's outage knobs. */
  rest(service: RestService): RestKnobs {
    return { ...DEFAULT_REST, ...(this.faults[service] as Partial<RestKnobs>) };
  }

  batch(): BatchKnobs {
    return { ...DEFAULT_BATCH, ...(this.faults.batch as Partial<BatchKnobs>) };
  }

  /** The collector does not advertise this schedd now (batch.missingSchedds). */
  scheddMissing(schedd: string): boolean {
    return this.faults.batch.missingSchedds?.includes(schedd) ?? false;
  }

  /**
   * The launch failure to apply to one launch, counting it down at the most specific level that
   * sets `launchFailure` (a count of 0 means the failures are used up).
   */
  takeLaunchFailure(scope: KnobScope): LaunchFailure {
    const f = this.faults;
    const levels = [
      scope.stage ? f.stages[scope.stage] : undefined,
      scope.dataset ? f.datasets[scope.dataset] : undefined,
      f.global,
    ];
    const level = levels.find((l) => l?.launchFailure !== undefined);
    if (!level || level.launchFailure === 'none') return 'none';
    const count = level.launchFailureCount;
    if (count === undefined || count === null) return level.launchFailure!;
    if (count <= 0) return 'none';
    level.launchFailureCount = count - 1;
    this.resolved.clear();
    this.changed();
    return level.launchFailure!;
  }

  toJSON(): Faults {
    return this.faults;
  }
}

function mergeKeyed(cur: Record<string, StageKnobs>, input: unknown): Record<string, StageKnobs> {
  const out: Record<string, StageKnobs> = { ...cur };
  if (!input || typeof input !== 'object') return out;
  for (const [k, v] of Object.entries(input)) {
    if (v === null) delete out[k];
    else out[k] = { ...(out[k] ?? {}), ...(v as StageKnobs) };
  }
  return out;
}
