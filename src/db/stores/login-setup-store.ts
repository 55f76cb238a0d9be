import type { Knex } from 'knex';
import { definitionStore, type DefinitionRow, type DefinitionTable } from './definition-store.js';

export interface LoginSetupRow extends DefinitionRow {
  login_setup_id: number;
  launch_host: string;
  launch_account: string;
  launch_setup: string;
}

export type LoginSetupValues = Pick<
  LoginSetupRow,
  'name' | 'launch_host' | 'launch_account' | 'launch_setup' | 'active'
>;

const loginSetups: DefinitionTable = {
  table: 'login_setups',
  key: 'login_setup_id',
  snapshots: 'login_setup_snapshots',
  defaultsKeys: ['loginSetup', 'login_setup'],
};

// Writes and single-row reads of login setups (where a launch logs in).
export const loginSetupStore = (db: Knex) =>
  definitionStore<LoginSetupRow, LoginSetupValues>(db, loginSetups);

export type LoginSetupStore = ReturnType<typeof loginSetupStore>;
