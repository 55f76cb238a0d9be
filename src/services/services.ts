import type { Knex } from 'knex';
import type { Config } from '../config/config-schema.js';
import { experimentService } from './experiment-service.js';
import { healthService } from './health-service.js';
import { identityService } from './identity-service.js';

export interface ServiceDeps {
  db: Knex;
  config: Readonly<Config>;
}

/** Every use case the web layer, the CLI and the loops call; built once in main.ts (or a test). */
export function createServices(deps: ServiceDeps) {
  const { db } = deps;
  return {
    db,
    identity: identityService(db),
    experiments: experimentService(db),
    health: healthService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
