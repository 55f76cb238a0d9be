import { Agenda, type SimEvent } from '../clock/agenda.js';
import { SeededRng } from '../clock/seeded-rng.js';
import type { ClockDriver, SimClock } from '../clock/sim-clock.js';
import { BatchSimulator } from '../batch/batch-simulator.js';
import { DdProjects } from '../dd/dd-projects.js';
import { FaultStore } from '../faults/fault-store.js';
import { MetacatStore } from '../metacat/metacat-store.js';
import type { NewSamFile, SamFileRecord } from '../sam/catalogue/sam-file.js';
import type { SamDefinition } from '../sam/catalogue/sam-catalogue.js';
import { SamExperiment } from '../sam/sam-experiment.js';
import { initialCounters, type IdCounters } from './id-counters.js';
import type { SimContext } from './sim-context.js';
import { WORLD_FORMAT, type WorldState } from './world-state.js';

export interface SimWorldOptions {
  clock: SimClock;
  seed?: number;
  /** Schedd names, used round-robin by submission. */
  schedds?: readonly string[];
  saved?: WorldState;
}

export const DEFAULT_SCHEDDS = ['sim-schedd01.example', 'sim-schedd02.example'] as const;

/**
 * The one simulated FIFE world: SAM experiments, the batch pool and the fault knobs, on one clock
 * and one seeded random source. Lens is a view of the batch pool; SAM changes are caused by jobs.
 * The clock drives the world through its agenda.
 */
export class SimWorld implements SimContext, ClockDriver {
  readonly clock: SimClock;
  readonly rng: SeededRng;
  readonly ids: IdCounters;
  readonly faults: FaultStore;
  readonly batch: BatchSimulator;
  /** MetaCat's datasets and named queries over the one catalogue. */
  readonly metacat: MetacatStore;
  /** Data Dispatcher's projects. */
  readonly dd: DdProjects;
  private readonly agenda: Agenda;
  private readonly experiments = new Map<string, SamExperiment>();
  private readonly deliveries: Map<string, number>;
  private readonly listeners: Array<() => void> = [];
  private readonly changedFn = () => this.changed();

  constructor(opts: SimWorldOptions) {
    const s = opts.saved;
    this.clock = opts.clock;
    this.rng = s ? SeededRng.fromState(s.rng) : new SeededRng(opts.seed ?? 42);
    this.ids = s ? { ...initialCounters(), ...s.ids } : initialCounters();
    this.agenda = new Agenda(s?.agenda);
    this.faults = new FaultStore(this.changedFn, s?.faults);
    for (const e of s?.experiments ?? [])
      this.experiments.set(e.name, new SamExperiment(e.name, this.ids, this.changedFn, e));
    this.deliveries = new Map(Object.entries(s?.deliveries ?? {}));
    this.metacat = new MetacatStore(this.changedFn, s?.metacat);
    this.dd = new DdProjects(this.ids, this.changedFn, s?.dd, {
      scheduleExpiry: (at, key, attempts) => this.schedule(at, 'dd.expire', key, { epoch: attempts }),
      available: (ns, name) =>
        this.hasExperiment(ns) && (this.sam(ns).catalogue.file(name)?.locations.length ?? 0) > 0,
    });
    this.batch = new BatchSimulator(this, opts.schedds ?? DEFAULT_SCHEDDS, s?.batch);
    this.clock.attach(this);
  }

  // ---- SimContext ----

  now(): number {
    return this.clock.nowMs();
  }

  sam(experiment: string): SamExperiment {
    let e = this.experiments.get(experiment);
    if (!e) {
      e = new SamExperiment(experiment, this.ids, this.changedFn);
      this.experiments.set(experiment, e);
      this.changed();
    }
    return e;
  }

  hasExperiment(experiment: string): boolean {
    return this.experiments.has(experiment);
  }

  experimentNames(): string[] {
    return [...this.experiments.keys()];
  }

  /** `at` is now + a simulated duration; the clock compresses that duration, never the date. */
  schedule(at: number, kind: string, key: string, opts: { epoch?: number; scope?: string } = {}): void {
    const now = this.now();
    const due = at > now ? now + this.clock.compress(at - now) : at;
    this.agenda.schedule({ at: due, kind, key, ...opts });
    this.changed();
    this.clock.wake();
  }

  noteDelivery(experiment: string, file: string, add = true): number {
    const k = `${experiment}/${file}`;
    const n = (this.deliveries.get(k) ?? 0) + (add ? 1 : 0);
    if (add) this.deliveries.set(k, n);
    return n;
  }

  changed(): void {
    for (const l of this.listeners) l();
  }

  /** Called (synchronously) after every change; persistence debounces on it. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  // ---- ClockDriver ----

  nextDueMs(): number | undefined {
    return this.agenda.nextDue();
  }

  runDue(nowMs: number): void {
    for (let e = this.agenda.takeDue(nowMs); e; e = this.agenda.takeDue(nowMs)) this.dispatch(e);
  }

  private dispatch(e: SimEvent): void {
    if (e.kind.startsWith('job.')) this.batch.handle(e);
    else if (e.kind === 'file.locate') {
      const exp = this.sam(e.scope!);
      const tier = exp.catalogue.file(e.key)?.dataTier ?? 'data';
      exp.catalogue.addLocation(e.key, `dcache:/pnfs/${e.scope}/sim/${tier}`);
    } else if (e.kind === 'dd.expire') this.dd.expire(e.key, e.epoch ?? 0, this.now());
    this.changed();
  }

  // ---- conveniences for tests, the admin API and the demo ----

  /** Declares files in order (parents must come first or exist). */
  addFiles(experiment: string, files: NewSamFile[]): SamFileRecord[] {
    const cat = this.sam(experiment).catalogue;
    return files.map((f) => cat.declareFile(f, this.now()));
  }

  defineDataset(
    experiment: string,
    name: string,
    dims: string,
    opts: { user?: string; group?: string; description?: string } = {},
  ): SamDefinition {
    return this.sam(experiment).catalogue.createDefinition(
      {
        name,
        dims,
        user: opts.user ?? 'sam',
        group: opts.group ?? experiment,
        description: opts.description,
      },
      this.now(),
    );
  }

  /**
   * SAM experiment of a jobsub group: the group itself when the world knows it, `samdev` for
   * `fermilab` (POMS maps samdev → fermilab), else the group.
   */
  experimentForGroup(group: string): string {
    if (this.experiments.has(group)) return group;
    if (group === 'fermilab') return 'samdev';
    return group;
  }

  pendingEvents(): number {
    return this.agenda.size;
  }

  toJSON(): WorldState {
    return {
      format: WORLD_FORMAT,
      now: this.now(),
      rng: this.rng.state,
      ids: { ...this.ids },
      agenda: this.agenda.toJSON(),
      experiments: [...this.experiments.values()].map((e) => e.toJSON()),
      batch: this.batch.toJSON(),
      faults: this.faults.toJSON(),
      deliveries: Object.fromEntries(this.deliveries),
      metacat: this.metacat.toJSON(),
      dd: this.dd.toJSON(),
    };
  }
}
