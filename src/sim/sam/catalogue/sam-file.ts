import type { SimFile } from '../dims/index.js';

// One file of the simulated SAM catalogue, as stored (plain JSON; times in ms since the epoch).

export interface SamFileRecord {
  id: number;
  name: string;
  size: number;
  fileType: 'data' | 'mc';
  fileFormat: string;
  dataTier: string;
  eventCount: number;
  firstEvent: number;
  lastEvent: number;
  startTime?: number;
  endTime?: number;
  createDate: number;
  createUser: string;
  group: string;
  application?: { family: string; name: string; version: string };
  /** Parent file names (SAM lineage); children are derived. */
  parents: string[];
  /** [run, subrun, run_type] */
  runs: Array<[number, number, string]>;
  /** Empty = declared but not located (SAM availability `anylocation` only). */
  locations: string[];
  retired?: boolean;
  checksum: string[];
  /** Experiment-defined `Category.param` metadata. */
  params: Record<string, string | number>;
}

/** What a caller gives to declare a file; everything else gets a plausible default. */
export type NewSamFile = Pick<SamFileRecord, 'name'> & Partial<Omit<SamFileRecord, 'id' | 'name'>>;

export function toSimFile(r: SamFileRecord): SimFile {
  return {
    name: r.name,
    id: r.id,
    ...(r.application ? { version: r.application.version } : {}),
    createDate: new Date(r.createDate),
    ...(r.endTime === undefined ? {} : { endTime: new Date(r.endTime) }),
    runs: r.runs.map(([run, sub]) => [run, sub] as [number, number]),
    dataTier: r.dataTier,
    located: r.locations.length > 0,
    ...(r.retired ? { retired: true } : {}),
    params: Object.fromEntries(Object.entries(r.params ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
  };
}

/** SAM's ISO form with an explicit offset, e.g. `2025-04-01T10:22:03+00:00`. */
export function samIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** `files/name/<f>/metadata?format=json` body (external-apis.md 2.4). */
export function fileMetadataJson(r: SamFileRecord, parentIds: (name: string) => number | undefined) {
  return {
    file_name: r.name,
    file_id: r.id,
    create_date: samIso(r.createDate),
    user: r.createUser,
    update_date: samIso(r.createDate),
    file_size: r.size,
    checksum: r.checksum,
    content_status: 'good',
    file_type: r.fileType,
    file_format: r.fileFormat,
    data_tier: r.dataTier,
    group: r.group,
    ...(r.application ? { application: r.application } : {}),
    event_count: r.eventCount,
    first_event: r.firstEvent,
    last_event: r.lastEvent,
    ...(r.startTime === undefined ? {} : { start_time: samIso(r.startTime) }),
    ...(r.endTime === undefined ? {} : { end_time: samIso(r.endTime) }),
    runs: r.runs,
    parents: r.parents.map((p) => ({ file_name: p, file_id: parentIds(p) })),
    ...r.params,
  };
}

/** samweb's plain-text metadata: `Key: value` lines. */
export function fileMetadataText(json: Record<string, unknown>): string {
  return Object.entries(json)
    .map(([k, v]) => `${k.padEnd(18)}: ${typeof v === 'string' ? v : JSON.stringify(v)}\n`)
    .join('');
}
