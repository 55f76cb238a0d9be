import type { Knex } from 'knex';
import * as z from 'zod';
import { loginSetupReadModel } from '../../db/read-models/login-setup-read-model.js';
import { loginSetupStore, type LoginSetupRow } from '../../db/stores/login-setup-store.js';
import { loginSetupAccountProblem } from '../../domain/launch/index.js';
import { invalid } from '../../lib/errors.js';
import type { UserContext } from '../user-context.js';
import { definitionService, definitionViewTail } from './definition-service.js';
import { flag, freeText, objectName } from './field-schemas.js';

export const loginSetupInput = z.strictObject({
  name: objectName,
  launch_host: objectName,
  launch_account: objectName,
  /** Shell text run after login; may use %(dataset)s, %(version)s, %(experimenter)s, ... */
  launch_setup: freeText.default(''),
  active: flag.default(true),
});
export type LoginSetupInput = z.infer<typeof loginSetupInput>;

/** What a login setup looks like to pages and the API. */
export function loginSetupView(row: LoginSetupRow, user: UserContext) {
  return {
    login_setup_id: row.login_setup_id,
    experiment: row.experiment,
    name: row.name,
    launch_host: row.launch_host,
    launch_account: row.launch_account,
    launch_setup: row.launch_setup,
    ...definitionViewTail(row, user),
  };
}

// Login setups of an experiment: where and as whom launches log in, and what they run first.
export const loginSetupService = (db: Knex) =>
  definitionService(db, {
    noun: 'login setup',
    kind: 'login_setup',
    defaultsKey: 'loginSetup',
    store: loginSetupStore,
    readModel: loginSetupReadModel,
    values: (input: LoginSetupInput) => input,
    checkOwner: (input, owner) => {
      const problem = loginSetupAccountProblem(owner.creatorRole, owner.username, input.launch_account);
      if (problem) throw invalid(problem, [{ field: 'launch_account', message: problem }]);
    },
    view: (_db, row, user: UserContext) => loginSetupView(row, user),
    cloneOf: (_db, row) => ({
      launch_host: row.launch_host,
      launch_account: row.launch_account,
      launch_setup: row.launch_setup,
      active: row.active,
    }),
  });

export type LoginSetupService = ReturnType<typeof loginSetupService>;
