import { CatalogueError } from '../sam/catalogue/sam-catalogue.js';
import { nextId, type IdCounters } from '../world/id-counters.js';

// Data Dispatcher's projects (data_dispatcher/db.py): file handles go initial → reserved (by one
// worker, attempts + 1) → done, or failed (final) / back to initial (a failure to retry). When no
// handle is initial or reserved the project ends: `failed` if some handle failed, else `done`. A
// project with a worker_timeout takes a reservation back (reserved → initial) when the worker has
// held it that long (a job killed or held mid-file), so another worker can have the file.

export type HandleState = 'initial' | 'reserved' | 'done' | 'failed';

export interface DdHandleRecord {
  namespace: string;
  name: string;
  state: HandleState;
  workerId: string | null;
  attempts: number;
  reservedSince: number | null;
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

export class DdProjects {
  private readonly byId = new Map<number, DdProjectRecord>();

  constructor(
    private readonly ids: IdCounters,
    private readonly changed: () => void,
    saved: DdProjectRecord[] = [],
    /** Asks for `expire(key, attempts)` at virtual time `atMs` (the world's agenda). */
    private readonly scheduleExpiry: (atMs: number, key: string, attempts: number) => void = () => {},
  ) {
    for (const p of saved) this.byId.set(p.id, p);
  }

  create(
    p: Pick<DdProjectRecord, 'owner' | 'attributes' | 'query' | 'workerTimeout' | 'idleTimeout'>,
    dids: Array<{ namespace: string; name: string }>,
    nowMs: number,
  ): DdProjectRecord {
    const rec: DdProjectRecord = {
      ...p,
      id: nextId(this.ids, 'ddProject'),
      state: 'active',
      created: nowMs / 1000,
      ended: null,
      handles: dids.map((d) => ({
        ...d,
        state: 'initial',
        workerId: null,
        attempts: 0,
        reservedSince: null,
      })),
    };
    this.byId.set(rec.id, rec);
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
    const h = p.handles.find((x) => x.state === 'initial');
    if (!h) {
      const waiting = p.handles.some((x) => x.state === 'reserved');
      return { retry: waiting, reason: waiting ? 'no files available now' : 'project done' };
    }
    Object.assign(h, { state: 'reserved', workerId, attempts: h.attempts + 1, reservedSince: nowMs / 1000 });
    if (p.workerTimeout)
      this.scheduleExpiry(nowMs + p.workerTimeout * 1000, `${p.id}:${h.namespace}:${h.name}`, h.attempts);
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
    this.changed();
  }

  /** The worker timeout of reservation `attempts` of handle `<project>:<ns>:<name>` ran out. */
  expire(key: string, attempts: number): void {
    const [pid, ...did] = key.split(':');
    const h = this.byId.get(Number(pid))?.handles.find((x) => `${x.namespace}:${x.name}` === did.join(':'));
    if (h?.state !== 'reserved' || h.attempts !== attempts) return;
    Object.assign(h, { state: 'initial', workerId: null, reservedSince: null });
    this.changed();
  }

  cancel(p: DdProjectRecord, nowMs: number): void {
    if (p.state === 'active' || p.state === 'abandoned')
      Object.assign(p, { state: 'cancelled', ended: nowMs / 1000 });
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
