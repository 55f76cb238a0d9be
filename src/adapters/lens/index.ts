// The Lens port and its GraphQL client (documents and answer parsing live in ./query).
export type { Lens, LensEntry, LensItem, LensKey, LensSummary, LensWindow } from './lens.js';
export { LensClient, type LensClientOptions } from './lens-client.js';
export { graphqlError } from './lens-errors.js';
