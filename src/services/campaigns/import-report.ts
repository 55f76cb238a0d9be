import type { Problem } from '../../domain/ini/index.js';

export type ImportedKind = 'campaign' | 'stage' | 'job_type' | 'login_setup' | 'dependency';

export interface ImportedObject {
  kind: ImportedKind;
  name: string;
  id?: number;
}

/** The answer to an import: what it created, changed, left alone, detached, and what to know. */
export interface ImportReport {
  campaign_id: number;
  campaign: string;
  created: ImportedObject[];
  updated: ImportedObject[];
  unchanged: ImportedObject[];
  /** Stages no longer in the file: kept (with their submissions) outside the campaign. */
  detached: ImportedObject[];
  /** Dependencies the file no longer has. */
  removed: ImportedObject[];
  warnings: Problem[];
}

export function emptyReport(): ImportReport {
  return {
    campaign_id: 0,
    campaign: '',
    created: [],
    updated: [],
    unchanged: [],
    detached: [],
    removed: [],
    warnings: [],
  };
}

/** One line per object, for flash messages. */
export function reportLines(r: ImportReport): string[] {
  const list = (label: string, objs: ImportedObject[]) =>
    objs.length ? [`${label}: ${objs.map((o) => `${o.kind.replace('_', ' ')} ${o.name}`).join(', ')}`] : [];
  return [
    ...list('Created', r.created),
    ...list('Updated', r.updated),
    ...list('Detached', r.detached),
    ...list('Removed', r.removed),
    ...r.warnings.map((w) => `Warning${w.line ? ` (line ${w.line})` : ''}: ${w.message}`),
  ];
}
