import type { Knex } from 'knex';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { submissionSummaryReadModel } from '../../db/read-models/submission-summary-read-model.js';
import { submissionStore } from '../../db/stores/submission-store.js';
import { notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';

export type CountScope = { kind: 'stage' | 'submission'; id: number };

// Submissions and their recorded file counts for scripts: the CLI's `submission show` and `files`,
// and the poms_client routes submission_details / campaign_stage_submissions. Viewing needs only
// membership of the experiment; the counts are those tracking stored (files, not jobs).
export function submissionSummaries(db: Knex) {
  const read = submissionSummaryReadModel(db);

  async function stageIn(experiment: string, id: number) {
    const s = await db('stages').where({ stage_id: id, experiment }).first('stage_id', 'name', 'campaign_id');
    if (!s) throw notFound(`stage ${id} in ${experiment}`);
    return s as { stage_id: number; name: string; campaign_id: number | null };
  }

  return {
    /** One submission with its status history. */
    async submission(user: UserContext, experiment: string, id: number) {
      await requireExperiment(db, user, experiment);
      const row = await read.one(experiment, id);
      if (!row) throw notFound(`submission ${id} in ${experiment}`);
      return { ...row, history: await submissionStore(db).history(id) };
    },
    /** Submissions of stages (newest first, paginated). */
    async ofStages(user: UserContext, experiment: string, stageIds: number[], req: PageRequest) {
      await requireExperiment(db, user, experiment);
      return read.ofStages(stageIds, req);
    },
    /** File and job counts of one stage (totals and a page of its submissions) or one submission. */
    async fileCounts(user: UserContext, experiment: string, scope: CountScope, req: PageRequest) {
      await requireExperiment(db, user, experiment);
      if (scope.kind === 'submission') {
        const row = await read.one(experiment, scope.id);
        if (!row) throw notFound(`submission ${scope.id} in ${experiment}`);
        const { command_executed: _c, ...item } = row;
        return {
          scope: {
            kind: scope.kind,
            id: scope.id,
            stage_id: row.stage_id,
            name: `${row.campaign ?? '-'}/${row.stage}`,
          },
          totals: await read.totals([row.stage_id], scope.id),
          items: [item],
          page: 1,
          pageSize: 1,
          total: 1,
          pages: 1,
        };
      }
      const stage = await stageIn(experiment, scope.id);
      const campaign = stage.campaign_id
        ? ((await db('campaigns').where({ campaign_id: stage.campaign_id }).first('name'))?.name as string)
        : '-';
      const page = await read.ofStages([stage.stage_id], req);
      return {
        scope: {
          kind: scope.kind,
          id: scope.id,
          stage_id: stage.stage_id,
          name: `${campaign}/${stage.name}`,
        },
        totals: await read.totals([stage.stage_id]),
        ...page,
      };
    },
  };
}

export type SubmissionSummaries = ReturnType<typeof submissionSummaries>;
