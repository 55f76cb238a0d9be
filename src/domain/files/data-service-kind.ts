// Where an experiment's files are catalogued and delivered (DESIGN.md glossary, issue 19): SAM
// (definitions, snapshots, projects) or the Rucio-era trio (MetaCat queries and provenance, Data
// Dispatcher projects and file states, Rucio replicas). Chosen per experiment; `sam` by default.

export const DATA_SERVICES = ['sam', 'metacat'] as const;
export type DataServiceKind = (typeof DATA_SERVICES)[number];

export const DEFAULT_DATA_SERVICE: DataServiceKind = 'sam';

export const isDataServiceKind = (s: unknown): s is DataServiceKind =>
  typeof s === 'string' && (DATA_SERVICES as readonly string[]).includes(s);
