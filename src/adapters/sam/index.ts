// The SAM port and its samweb REST client.
export type {
  CreateDefinitionOptions,
  LineageKind,
  Sam,
  SamDefinition,
  SamFileMetadata,
  SamProjectSummary,
} from './sam.js';
export { SamwebClient, type SamwebClientOptions } from './samweb-client.js';
export { SamwebTransport, type SamCall, type SamwebOptions } from './samweb-transport.js';
