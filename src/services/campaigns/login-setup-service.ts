import type { Knex } from 'knex';
import * as z from 'zod';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { loginSetupReadModel } from '../../db/read-models/login-setup-read-model.js';
import { campaignDefaultsStore } from '../../db/stores/campaign-defaults-store.js';
import { loginSetupStore, type LoginSetupRow } from '../../db/stores/login-setup-store.js';
import { can } from '../../domain/permissions/permissions.js';
import { conflict, notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { flag, freeText, objectName } from './field-schemas.js';
import { auditChange, ownedBy, requireExperiment, targetOf } from './ownership.js';

export const loginSetupInput = z.strictObject({
  name: objectName,
  launch_host: objectName,
  launch_account: objectName,
  /** Shell text run after login; may use %(dataset)s, %(version)s, %(experimenter)s, ... */
  launch_setup: freeText.default(''),
  active: flag.default(true),
});
export type LoginSetupInput = z.infer<typeof loginSetupInput>;

const duplicate = (name: string) =>
  conflict(`a login setup named ${name} already exists`, [{ field: 'name', message: 'already exists' }]);

/** What a login setup looks like to pages and the API. */
export function loginSetupView(row: LoginSetupRow, user: UserContext) {
  return {
    login_setup_id: row.login_setup_id,
    experiment: row.experiment,
    name: row.name,
    launch_host: row.launch_host,
    launch_account: row.launch_account,
    launch_setup: row.launch_setup,
    active: row.active,
    creator: row.creator_username,
    creator_role: row.creator_role,
    created_at: row.created_at,
    updated_at: row.updated_at,
    can_modify: can(user, 'modify', targetOf(row)),
  };
}

// Login setups of an experiment: where and as whom launches log in, and what they run first.
export function loginSetupService(db: Knex) {
  const read = loginSetupReadModel(db);

  /** `exec`: the transaction when called inside one (PGlite has a single connection: never mix). */
  async function load(user: UserContext, experiment: string, id: number, exec: Knex | Knex.Transaction = db) {
    await requireExperiment(exec, user, experiment);
    const row = await loginSetupStore(exec).byId(experiment, id);
    if (!row) throw notFound(`login setup ${id} in ${experiment}`);
    return row;
  }

  return {
    async list(user: UserContext, experiment: string, filter: { name?: string }, req: PageRequest) {
      await requireExperiment(db, user, experiment);
      return read.list(experiment, filter, req);
    },
    async names(user: UserContext, experiment: string) {
      await requireExperiment(db, user, experiment);
      return read.names(experiment);
    },
    async get(user: UserContext, experiment: string, id: number) {
      const row = await load(user, experiment, id);
      return {
        ...loginSetupView(row, user),
        usage: await loginSetupStore(db).usage(experiment, id, row.name),
      };
    },
    async create(user: UserContext, experiment: string, input: LoginSetupInput) {
      await requireExperiment(db, user, experiment);
      authorize(user, 'create', { experiment });
      const id = await db.transaction(async (trx) => {
        const store = loginSetupStore(trx);
        if (await store.byName(experiment, input.name)) throw duplicate(input.name);
        const newId = await store.insert({ ...input, experiment, ...ownedBy(user) });
        await auditChange(
          trx,
          user,
          experiment,
          'login_setup.create',
          { kind: 'login_setup', id: newId },
          {
            name: input.name,
          },
        );
        return newId;
      });
      return loginSetupView((await loginSetupStore(db).byId(experiment, id))!, user);
    },
    /** Renaming also renames the campaign defaults that name it. */
    async update(user: UserContext, experiment: string, id: number, input: LoginSetupInput) {
      await db.transaction(async (trx) => {
        const store = loginSetupStore(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        if (input.name !== row.name) {
          if (await store.byName(experiment, input.name)) throw duplicate(input.name);
          await campaignDefaultsStore(trx).renameReference(experiment, 'loginSetup', row.name, input.name);
        }
        await store.update(id, input, user.experimenterId);
        await auditChange(
          trx,
          user,
          experiment,
          'login_setup.update',
          { kind: 'login_setup', id },
          {
            name: input.name,
            ...(input.name !== row.name ? { renamed_from: row.name } : {}),
          },
        );
      });
      return loginSetupView((await loginSetupStore(db).byId(experiment, id))!, user);
    },
    /** Refused while stages, campaign defaults or past submissions (snapshots) refer to it. */
    async remove(user: UserContext, experiment: string, id: number) {
      await db.transaction(async (trx) => {
        const store = loginSetupStore(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        const use = await store.usage(experiment, id, row.name);
        if (use.stages + use.campaigns + use.snapshots > 0)
          throw conflict(
            `login setup ${row.name} is still used (${use.stages} stages, ${use.campaigns} campaign defaults, ${use.snapshots} launched snapshots); mark it inactive instead`,
          );
        await store.remove(id);
        await auditChange(
          trx,
          user,
          experiment,
          'login_setup.delete',
          { kind: 'login_setup', id },
          {
            name: row.name,
          },
        );
      });
    },
    /** A copy under a new name, owned by the caller. */
    async clone(user: UserContext, experiment: string, id: number, name: string) {
      const row = await load(user, experiment, id);
      return this.create(user, experiment, {
        name,
        launch_host: row.launch_host,
        launch_account: row.launch_account,
        launch_setup: row.launch_setup,
        active: row.active,
      });
    },
  };
}

export type LoginSetupService = ReturnType<typeof loginSetupService>;
