// The Rucio port and its REST client.
export type { Rucio, RucioReplica } from './rucio.js';
export { RucioClient } from './rucio-client.js';
