import type { Knex } from 'knex';
import { failureReadModel, type FailureScope } from '../../db/read-models/failure-read-model.js';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';

export type FailureLevel = 'experiment' | 'campaign' | 'stage';

/**
 * Failures grouped by cause for an experiment, a campaign or a stage, from what the failure-causes
 * loop collected (never fetched on the request). Each group links one example job log.
 */
export function failureService(db: Knex) {
  const model = failureReadModel(db);
  async function scopeOf(exp: string, level: FailureLevel, id?: number) {
    const scope: FailureScope = { experiment: exp };
    if (level === 'experiment') return { scope, name: exp };
    const table = level === 'campaign' ? 'campaigns' : 'stages';
    const key = level === 'campaign' ? 'campaign_id' : 'stage_id';
    const row = await db(table)
      .where({ [key]: id, experiment: exp })
      .first('name', key);
    if (!row) throw notFound(`${level} ${id} in ${exp}`);
    if (level === 'campaign') scope.campaignId = id;
    else scope.stageId = id;
    return { scope, name: row.name as string };
  }
  return {
    async breakdown(
      user: UserContext,
      exp: string,
      level: FailureLevel,
      id: number | undefined,
      page: PageRequest,
    ) {
      authorize(user, 'view', { experiment: exp });
      const { scope, name } = await scopeOf(exp, level, id);
      const [groups, totals] = await Promise.all([model.groups(scope, page), model.totals(scope)]);
      const logs = (sid: number) => `/experiments/${encodeURIComponent(exp)}/submissions/${sid}/job-logs`;
      return {
        level,
        id: id ?? null,
        name,
        totals,
        groups: {
          ...groups,
          items: groups.items.map((g) => ({
            ...g,
            example: {
              ...g.example,
              url: g.example.log_file
                ? `${logs(g.example.submission_id)}/file?name=${encodeURIComponent(g.example.log_file)}`
                : logs(g.example.submission_id),
            },
          })),
        },
      };
    },
  };
}

export type FailureService = ReturnType<typeof failureService>;
