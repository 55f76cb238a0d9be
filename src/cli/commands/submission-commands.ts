import { usage } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { fields, table } from '../output.js';
import { submissionId } from '../resolve.js';
import { waitForSubmission } from './wait-for-submission.js';

async function show(ctx: CommandContext, id: number) {
  const s = await ctx.client().get(await ctx.expPath(`/submissions/${id}/summary`));
  const history = (s.history as any[]).map((h) => [
    h.created_at,
    h.status,
    h.actor_kind,
    h.username,
    h.reason,
  ]);
  ctx.print(
    [
      fields([
        ['submission', s.submission_id],
        ['stage', `${s.campaign ?? '-'}/${s.stage} (id ${s.stage_id})`],
        ['status', `${s.status} since ${s.status_at}`],
        ['jobsub id', s.jobsub_job_id],
        ['project', s.project],
        ['dataset', s.dataset],
        ['launched by', `${s.creator ?? '-'} (${s.launch_kind}${s.test ? ', test' : ''})`],
        [
          'jobs',
          s.jobs_total === null
            ? '-'
            : `${s.jobs_completed ?? 0}/${s.jobs_total} completed, ${s.jobs_failed ?? 0} failed`,
        ],
        [
          'files',
          `${s.files_submitted ?? '-'} submitted, ${s.files_consumed ?? '-'} consumed, ${s.files_located ?? '-'} located`,
        ],
        ['command', s.command_executed],
      ]),
      '',
      table(['WHEN', 'STATUS', 'BY', 'USER', 'REASON'], history),
    ].join('\n'),
    s,
  );
}

async function act(ctx: CommandContext, id: number, verb: string) {
  const out = await ctx
    .client()
    .request('POST', await ctx.expPath(`/submissions/${id}/jobs`), { json: { act: verb } });
  ctx.print(
    `${verb}: ${out.submissions?.length ?? 0} submission(s) affected${out.output ? `\n${out.output}` : ''}`,
    out,
  );
}

async function recover(ctx: CommandContext, id: number, type?: string) {
  if (!type) throw usage('give the recovery type, e.g. consumed_status');
  const preview = ctx.args.switches.has('preview');
  const out = await ctx.client().request('POST', await ctx.expPath(`/submissions/${id}/recover`), {
    json: { recovery_type: type, preview },
  });
  const files = (out.files ?? []) as string[];
  ctx.print(
    preview
      ? `${files.length} file(s) would be recovered by ${out.type}${files.length ? `:\n${files.join('\n')}` : ''}`
      : `Recovery ${out.type} launched on ${files.length} file(s)${out.launched?.submissionId ? ` as submission ${out.launched.submissionId}` : ''}`,
    out,
  );
}

/** poms submission show|wait|kill|cancel|hold|release|recover */
export async function submissionCommand(ctx: CommandContext): Promise<number> {
  const [, sub, ref, extra] = ctx.args.words;
  if (!sub) throw usage('poms submission: expected show, wait, kill, cancel, hold, release or recover');
  if (sub === 'wait') return waitForSubmission(ctx, submissionId(ref));
  const id = submissionId(ref);
  if (sub === 'show') await show(ctx, id);
  else if (['kill', 'cancel', 'hold', 'release'].includes(sub)) await act(ctx, id, sub);
  else if (sub === 'recover') await recover(ctx, id, extra);
  else throw usage(`poms submission ${sub}: expected show, wait, kill, cancel, hold, release or recover`);
  return EXIT.ok;
}
