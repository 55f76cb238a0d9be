import type { Knex } from 'knex';
import * as z from 'zod';
import { recordAudit } from '../db/stores/audit-store.js';
import { peopleStore } from '../db/stores/people-store.js';
import type { PageRequest } from '../db/read-models/paginate.js';
import { peopleReadModel, type MemberFilter } from '../db/read-models/people-read-model.js';
import { DATA_SERVICES } from '../domain/files/data-service-kind.js';
import { ROLES } from '../domain/permissions/roles.js';
import { AppError, invalid, notFound } from '../lib/errors.js';
import { webLinkSchema } from '../lib/web-link.js';
import { authorize, type UserContext } from './user-context.js';

export const memberInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only (at most 64)'),
  role: z.enum(ROLES),
  first_name: z.string().trim().max(100).optional(),
  last_name: z.string().trim().max(100).optional(),
  email: z.union([z.email(), z.literal('')]).optional(),
});
export type MemberInput = z.infer<typeof memberInput>;

export const experimentInput = z.object({
  experiment: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lower-case letters, digits, _ and - (at most 32)'),
  name: z.string().trim().min(1, 'required').max(200),
  logbook_url: webLinkSchema.optional(),
  /** `sam` (default) or `metacat` (MetaCat + Data Dispatcher + Rucio). */
  data_service: z.enum(DATA_SERVICES).default('sam'),
});
export type ExperimentInput = z.infer<typeof experimentInput>;

// Experiments and their members: lists for everyone, member management for superusers, experiments for root.
export function experimentService(db: Knex) {
  const people = peopleStore(db);
  const read = peopleReadModel(db);

  async function requireExperiment(experiment: string) {
    const row = await people.experiment(experiment);
    if (!row) throw notFound(`experiment ${experiment}`);
    return row;
  }

  return {
    list: (user: UserContext, req: PageRequest) => read.experiments(user.experimenterId, req, user.root),
    async get(user: UserContext, experiment: string) {
      const row = await requireExperiment(experiment);
      authorize(user, 'view', { experiment });
      return row;
    },
    async members(user: UserContext, experiment: string, filter: MemberFilter, req: PageRequest) {
      await requireExperiment(experiment);
      authorize(user, 'view', { experiment });
      return read.members(experiment, filter, req);
    },
    /** Adds a member (creating the experimenter on first sight) or changes their role. */
    async setMember(user: UserContext, experiment: string, input: MemberInput) {
      await requireExperiment(experiment);
      authorize(user, 'manage', { experiment });
      return db.transaction(async (trx) => {
        const p = peopleStore(trx);
        const existing = await p.experimenterByName(input.username);
        const x =
          existing ??
          (await p.insertExperimenter({
            username: input.username,
            first_name: input.first_name || null,
            last_name: input.last_name ?? '',
            email: input.email || null,
          }));
        const before = await p.membership(x.experimenter_id, experiment);
        await p.upsertMembership(x.experimenter_id, experiment, input.role, true);
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: before ? 'member.role' : 'member.add',
          objectKind: 'experimenter',
          objectId: x.experimenter_id,
          details: { username: x.username, from: before?.role ?? null, to: input.role },
        });
        return { username: x.username, role: input.role, created: !existing };
      });
    },
    async removeMember(user: UserContext, experiment: string, username: string) {
      authorize(user, 'manage', { experiment });
      const x = await people.experimenterByName(username);
      if (!x) throw notFound(`experimenter ${username}`);
      if (x.experimenter_id === user.experimenterId && !user.root)
        throw invalid('you cannot remove yourself; ask another superuser');
      await db.transaction(async (trx) => {
        const n = await peopleStore(trx).removeMembership(x.experimenter_id, experiment);
        if (!n) throw notFound(`${username} in ${experiment}`);
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: 'member.remove',
          objectKind: 'experimenter',
          objectId: x.experimenter_id,
          details: { username },
        });
      });
    },
    async createExperiment(user: UserContext, input: ExperimentInput) {
      if (!user.root) throw new AppError('forbidden', 'only root may create experiments');
      if (await people.experiment(input.experiment))
        throw new AppError('conflict', `experiment ${input.experiment} already exists`, [
          { field: 'experiment', message: 'already exists' },
        ]);
      await db.transaction(async (trx) => {
        await peopleStore(trx).insertExperiment({
          experiment: input.experiment,
          name: input.name,
          logbook_url: input.logbook_url || null,
          data_service: input.data_service,
        });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment: input.experiment,
          action: 'experiment.create',
          objectKind: 'experiment',
          objectId: input.experiment,
          details: { name: input.name, data_service: input.data_service },
        });
      });
    },
    async setActive(user: UserContext, experiment: string, active: boolean) {
      if (!user.root) throw new AppError('forbidden', 'only root may activate or deactivate experiments');
      await requireExperiment(experiment);
      await db.transaction(async (trx) => {
        await peopleStore(trx).updateExperiment(experiment, { active });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: active ? 'experiment.activate' : 'experiment.deactivate',
          objectKind: 'experiment',
          objectId: experiment,
        });
      });
    },
  };
}

export type ExperimentService = ReturnType<typeof experimentService>;
