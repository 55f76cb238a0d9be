import type { Knex } from 'knex';
import type { Page, PageRequest } from '../../db/read-models/paginate.js';
import { campaignDefaultsStore } from '../../db/stores/campaign-defaults-store.js';
import type { DefinitionRow, DefinitionStore } from '../../db/stores/definition-store.js';
import { can } from '../../domain/permissions/permissions.js';
import { conflict, notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { auditChange, ownedBy, requireExperiment, targetOf } from './ownership.js';

/** What differs between the kinds of experiment-scoped named definition (job type, login setup). */
export interface DefinitionKind<
  Row extends DefinitionRow,
  Values extends object,
  Input extends { name: string },
  View extends object,
  Item,
> {
  /** Singular in messages, e.g. `job type`. */
  noun: string;
  /** Audit action prefix and audit object kind, e.g. `job_type`. */
  kind: string;
  /** Key of campaign defaults renamed along with it. */
  defaultsKey: 'jobType' | 'loginSetup';
  store: (db: Knex) => DefinitionStore<Row, Values>;
  readModel: (db: Knex) => {
    list(experiment: string, filter: { name?: string }, req: PageRequest): Promise<Page<Item>>;
    /** Active names, for stage and default pickers. */
    names(experiment: string): Promise<string[]>;
  };
  /** The row's columns an input writes. */
  values: (input: Input) => Values;
  /** What pages and the API show of a row (may read what lives beside it). */
  view: (db: Knex, row: Row, user: UserContext) => View | Promise<View>;
  /** The input that recreates `row` under another name. */
  cloneOf: (db: Knex, row: Row) => Omit<Input, 'name'> | Promise<Omit<Input, 'name'>>;
  /** Checks the schema cannot make (may read the database); runs before any write. */
  check?: (db: Knex, input: Input) => Promise<void>;
  /** Rules on the input given who owns the object (its creator role and username); throws. */
  checkOwner?: (input: Input, owner: { creatorRole: string; username: string | null }) => void;
  /** Writes what lives beside the row, in the same transaction (after insert or update). */
  saveExtras?: (trx: Knex.Transaction, id: number, input: Input) => Promise<void>;
}

/** How every definition view ends: its state, ownership and whether `user` may modify it. */
export const definitionViewTail = (row: DefinitionRow, user: UserContext) => ({
  active: row.active,
  creator: row.creator_username,
  creator_role: row.creator_role,
  created_at: row.created_at,
  updated_at: row.updated_at,
  can_modify: can(user, 'modify', targetOf(row)),
});

/**
 * List, show, create, update (renaming follows into campaign defaults), clone and delete (refused
 * while anything uses it) of one kind of definition, with permissions and audit.
 */
export function definitionService<
  Row extends DefinitionRow,
  Values extends object,
  Input extends { name: string },
  View extends object,
  Item,
>(db: Knex, def: DefinitionKind<Row, Values, Input, View, Item>) {
  const read = def.readModel(db);
  const duplicate = (name: string) =>
    conflict(`a ${def.noun} named ${name} already exists`, [{ field: 'name', message: 'already exists' }]);

  const audit = (
    trx: Knex.Transaction,
    user: UserContext,
    experiment: string,
    verb: 'create' | 'update' | 'delete',
    id: number,
    details: Record<string, unknown>,
  ) => auditChange(trx, user, experiment, `${def.kind}.${verb}`, { kind: def.kind, id }, details);

  /** `exec`: the transaction when called inside one (PGlite has a single connection: never mix). */
  async function load(user: UserContext, experiment: string, id: number, exec: Knex = db) {
    await requireExperiment(exec, user, experiment);
    const row = await def.store(exec).byId(experiment, id);
    if (!row) throw notFound(`${def.noun} ${id} in ${experiment}`);
    return row;
  }
  async function view(user: UserContext, experiment: string, id: number) {
    return def.view(db, (await def.store(db).byId(experiment, id))!, user);
  }

  async function create(user: UserContext, experiment: string, input: Input) {
    await requireExperiment(db, user, experiment);
    authorize(user, 'create', { experiment });
    await def.check?.(db, input);
    def.checkOwner?.(input, { creatorRole: ownedBy(user).creator_role, username: user.username });
    const id = await db.transaction(async (trx) => {
      const store = def.store(trx);
      if (await store.byName(experiment, input.name)) throw duplicate(input.name);
      const newId = await store.insert({ ...def.values(input), experiment, ...ownedBy(user) });
      await def.saveExtras?.(trx, newId, input);
      await audit(trx, user, experiment, 'create', newId, { name: input.name });
      return newId;
    });
    return view(user, experiment, id);
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
        ...(await def.view(db, row, user)),
        usage: await def.store(db).usage(experiment, id, row.name),
      };
    },
    create,
    /** Renaming also renames the campaign defaults that name it. */
    async update(user: UserContext, experiment: string, id: number, input: Input) {
      await def.check?.(db, input);
      await db.transaction(async (trx) => {
        const store = def.store(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        def.checkOwner?.(input, { creatorRole: row.creator_role, username: row.creator_username });
        if (input.name !== row.name) {
          if (await store.byName(experiment, input.name)) throw duplicate(input.name);
          await campaignDefaultsStore(trx).renameReference(experiment, def.defaultsKey, row.name, input.name);
        }
        await store.update(id, def.values(input), user.experimenterId);
        await def.saveExtras?.(trx, id, input);
        const renamed = input.name !== row.name ? { renamed_from: row.name } : {};
        await audit(trx, user, experiment, 'update', id, { name: input.name, ...renamed });
      });
      return view(user, experiment, id);
    },
    /** Refused while stages, campaign defaults or past submissions (snapshots) refer to it. */
    async remove(user: UserContext, experiment: string, id: number) {
      await db.transaction(async (trx) => {
        const store = def.store(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        const use = await store.usage(experiment, id, row.name);
        if (use.stages + use.campaigns + use.snapshots > 0)
          throw conflict(
            `${def.noun} ${row.name} is still used (${use.stages} stages, ${use.campaigns} campaign defaults, ${use.snapshots} launched snapshots); mark it inactive instead`,
          );
        await store.remove(id);
        await audit(trx, user, experiment, 'delete', id, { name: row.name });
      });
    },
    /** A copy under a new name, owned by the caller. */
    async clone(user: UserContext, experiment: string, id: number, name: string) {
      const row = await load(user, experiment, id);
      return create(user, experiment, { ...(await def.cloneOf(db, row)), name } as Input);
    },
  };
}
