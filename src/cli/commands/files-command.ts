import { usage } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { fields, table } from '../output.js';
import { stageId } from '../resolve.js';

/** A stage (CAMPAIGN/STAGE, stage:ID) or a submission (ID, submission:ID). */
async function scopePath(ctx: CommandContext, ref: string | undefined): Promise<string> {
  if (!ref) throw usage('give CAMPAIGN/STAGE, stage:ID, or a submission id');
  const m = /^(stage|submission):(\d+)$/.exec(ref);
  if (m) return ctx.expPath(`/${m[1] === 'stage' ? 'stages' : 'submissions'}/${m[2]}/file-counts`);
  if (/^\d+$/.test(ref)) return ctx.expPath(`/submissions/${ref}/file-counts`);
  return ctx.expPath(`/stages/${await stageId(ctx, ref)}/file-counts`);
}

/** poms files STAGE_OR_SUBMISSION: files (not jobs) submitted, consumed and located, per submission. */
export async function filesCommand(ctx: CommandContext): Promise<number> {
  const r = await ctx
    .client()
    .get(await scopePath(ctx, ctx.args.words[1]), { page: ctx.args.options.page, page_size: 100 });
  const t = r.totals;
  const rows = (r.items as any[]).map((s) => [
    s.submission_id,
    s.status,
    s.jobsub_job_id,
    s.files_submitted,
    s.files_consumed,
    s.files_located,
    s.jobs_total === null ? '-' : `${s.jobs_completed ?? 0}/${s.jobs_total}`,
  ]);
  const more = r.pages > r.page ? `\n(page ${r.page} of ${r.pages}: --page N for more)` : '';
  ctx.print(
    [
      fields([
        [r.scope.kind, `${r.scope.name} (id ${r.scope.id})`],
        ['submissions', t.submissions],
        ['files submitted', t.files_submitted],
        ['files consumed', t.files_consumed],
        ['files located', t.files_located],
      ]),
      '',
      table(['SUBMISSION', 'STATUS', 'JOBSUB ID', 'SUBMITTED', 'CONSUMED', 'LOCATED', 'JOBS DONE'], rows) +
        more,
    ].join('\n'),
    r,
  );
  return EXIT.ok;
}
