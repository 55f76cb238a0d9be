// The MetaCat port and its REST client.
export type { Metacat, MetacatDataset, MetacatFile, QueryOptions } from './metacat.js';
export { MetacatClient } from './metacat-client.js';
