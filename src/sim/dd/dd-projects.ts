import { CatalogueError } from '../sam/catalogue/sam-catalogue.js';
import { nextId, type IdCounters } from '../world/id-counters.js';

// Data Dispatcher's projects (data_dispatcher/db.py): file handles go initial → reserved (by one
// worker, attempts + 1) → done, or failed (final) / back to initial (a failure to retry). A worker
// gets the initial handle with the fewest attempts whose file has an available replica (any
// initial handle in a `virtual` project); none now → retry. When no handle is initial or reserved
// the project ends: `failed` if some handle failed, else `done`. A project with a worker_timeout
// takes a reservation back when the worker has held it that long (a job killed or held mid-file):
// to initial, or to failed when the project's attribute retry_on_timeout is 'False'; the handle's
// attribute `timeouts` counts them.

export type HandleState = 'initial' | 'reserved' | 'done' | 'failed';

export interface DdHandleRecord {
  namespace: string;
  name: string;
  state: HandleState;
  workerId: string | null;
  attempts: number;
  reservedSince: number | null;
  /** As given at creation, plus `timeouts`. */
  attributes?: Record<string, unknown>;
}

export interface DdProjectRecord {
  id: number;
  owner: string;
  state: 'active' | 'done' | 'failed' | 'cancelled' | 'abandoned';
  attributes: Record<string, unknown>;
  query: string | null;
  workerTimeout: number | null;
  idleTimeout: number | null;
  created: number;
  ended: number | null;
  handles: DdHandleRecord[];
}

/** What DD needs of the rest of the world. */
export interface DdWorld {
  /** Asks for `expire(key, attempts)` at virtual time `atMs` (the world's agenda). */
  scheduleExpiry(atMs: number, key: string, attempts: number): void;
  /** The file has a replica a worker could read. */
  available(namespace: string, name: string): boolean;
}

export class DdProjects {
  private readonly byId = new Map<number, DdProjectRecord>();
  /** Control writes since this simulator process started (creates, restarts, cancels; not workers'). */
  readonly writes = { projectsCreated: 0, projectsChanged: 0 };

  constructor(
    private readonly ids: IdCounters,
    private readonly changed: () => void,
    saved: DdProjectRecord[] = [],
    private readonly world: DdWorld = { scheduleExpiry: () => {}, available: () => true },
  ) {
    for (const p of saved) this.byId.set(p.id, p);
  }

  create(
    p: Pick<DdProjectRecord, 'owner' | 'attributes' | 'query' | 'workerTimeout' | 'idleTimeout'>,
    dids: Array<{ namespace: string; name: string; attributes?: Record<string, unknown> }>,
    nowMs: number,
  ): DdProjectRecord {
    const rec: DdProjectRecord = {
      ...p,
      id: nextId(this.ids, 'ddProject'),
      state: 'active',
      created: nowMs / 1000,
      ended: null,
      handles: dids.map((d) => ({
        namespace: d.namespace,
        name: d.name,
        attributes: d.attributes ?? {},
        state: 'initial',
        workerId: null,
        attempts: 0,
        reservedSince: null,
      })),
    };
    this.byId.set(rec.id, rec);
    this.writes.projectsCreated++;
    this.end(rec, nowMs);
    this.changed();
    return rec;
  }

  get(id: number): DdProjectRecord | undefined {
    return this.byId.get(id);
  }

  all(): DdProjectRecord[] {
    return [...this.byId.values()];
  }

  /** The next initial handle, reserved for `workerId`; null with why when there is none. */
  reserve(
    p: DdProjectRecord,
    workerId: string,
    nowMs: number,
  ): DdHandleRecord | { retry: boolean; reason: string } {
    if (p.state !== 'active') throw new CatalogueError('invalid', `Inactive project. State=${p.state}`);
    const virtual = p.attributes.virtual === true;
    let h: DdHandleRecord | undefined;
    for (const x of p.handles)
      if (
        x.state === 'initial' &&
        (!h || x.attempts < h.attempts) &&
        (virtual || this.world.available(x.namespace, x.name))
      )
        h = x;
    if (!h) return { retry: true, reason: 'retry' };
    Object.assign(h, { state: 'reserved', workerId, attempts: h.attempts + 1, reservedSince: nowMs / 1000 });
    if (p.workerTimeout)
      this.world.scheduleExpiry(
        nowMs + p.workerTimeout * 1000,
        `${p.id}:${h.namespace}:${h.name}`,
        h.attempts,
      );
    this.changed();
    return h;
  }

  /** Releases a handle the worker holds: done, or failed (retry: back to initial). */
  release(
    p: DdProjectRecord,
    did: string,
    workerId: string,
    failed: boolean,
    retry: boolean,
    nowMs: number,
  ): DdHandleRecord {
    const h = p.handles.find((x) => `${x.namespace}:${x.name}` === did);
    if (!h || h.state !== 'reserved')
      throw new CatalogueError('not_found', 'Handle not found or was not reserved');
    if (workerId && h.workerId !== workerId)
      throw new CatalogueError('invalid', 'Not authorized: wrong worker_id');
    Object.assign(h, {
      state: failed ? (retry ? 'initial' : 'failed') : 'done',
      workerId: null,
      reservedSince: null,
    });
    this.end(p, nowMs);
    this.changed();
    return h;
  }

  /** Handles in `states` (or named by DID) back to initial; an ended project becomes active again. */
  restart(p: DdProjectRecord, sel: { states?: HandleState[]; dids?: string[] }): void {
    for (const h of p.handles) {
      const pick = sel.dids ? sel.dids.includes(`${h.namespace}:${h.name}`) : sel.states?.includes(h.state);
      if (pick) Object.assign(h, { state: 'initial', workerId: null, reservedSince: null });
    }
    if (p.handles.some((h) => h.state === 'initial') && (p.state === 'done' || p.state === 'failed'))
      Object.assign(p, { state: 'active', ended: null });
    this.writes.projectsChanged++;
    this.changed();
  }

  /** The worker timeout of reservation `attempts` of handle `<project>:<ns>:<name>` ran out. */
  expire(key: string, attempts: number, nowMs: number): void {
    const [pid, ...did] = key.split(':');
    const p = this.byId.get(Number(pid));
    const h = p?.handles.find((x) => `${x.namespace}:${x.name}` === did.join(':'));
    if (!p || h?.state !== 'reserved' || h.attempts !== attempts) return;
    const timeouts = Number(h.attributes?.timeouts ?? 0) + 1;
    Object.assign(h, {
      state: String(p.attributes.retry_on_timeout ?? 'True') === 'False' ? 'failed' : 'initial',
      workerId: null,
      reservedSince: null,
      attributes: { ...h.attributes, timeouts },
    });
    this.end(p, nowMs);
    this.changed();
  }

  cancel(p: DdProjectRecord, nowMs: number): void {
    if (p.state === 'active' || p.state === 'abandoned')
      Object.assign(p, { state: 'cancelled', ended: nowMs / 1000 });
    this.writes.projectsChanged++;
    this.changed();
  }

  private end(p: DdProjectRecord, nowMs: number): void {
    if (p.state !== 'active' || p.handles.some((h) => h.state === 'initial' || h.state === 'reserved'))
      return;
    p.state = p.handles.some((h) => h.state === 'failed') ? 'failed' : 'done';
    p.ended = nowMs / 1000;
  }

  toJSON(): DdProjectRecord[] {
    return this.all();
  }
}
