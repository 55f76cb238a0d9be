import { usage } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { fields } from '../output.js';
import { stageId } from '../resolve.js';
import { waitForSubmission } from './wait-for-submission.js';

async function show(ctx: CommandContext, id: number) {
  const s = await ctx.client().get(await ctx.expPath(`/stages/${id}`));
  const own = new Set(Object.keys(s.fields));
  const rows: Array<[string, unknown]> = Object.entries(s.effective).map(([k, v]) => [
    k,
    own.has(k) ? v : `${JSON.stringify(v) ?? '-'} (inherited)`,
  ]);
  const deps = [...s.upstream, ...s.downstream].map(
    (d: any) => `  ${d.upstream} → ${d.downstream} (${d.file_pattern})`,
  );
  ctx.print(
    [
      fields([
        ['stage', `${s.campaign?.name ?? '-'}/${s.name} (id ${s.stage_id})`],
        ['creator', `${s.creator} (${s.creator_role})`],
        ...rows,
      ]),
      ...(deps.length ? ['dependencies:', ...deps] : []),
    ].join('\n'),
    s,
  );
}

/** KEY=VALUE pairs onto the stage's own values; an empty VALUE makes the key inherit again. */
async function edit(ctx: CommandContext, id: number, pairs: string[]) {
  if (!pairs.length) throw usage('give KEY=VALUE pairs, e.g. poms stage edit C/S software_version=v2');
  const path = await ctx.expPath(`/stages/${id}`);
  const cur = await ctx.client().get(path);
  const next: Record<string, unknown> = { name: cur.name, ...cur.fields };
  for (const p of pairs) {
    const at = p.indexOf('=');
    if (at <= 0) throw usage(`"${p}" is not KEY=VALUE`);
    const [k, v] = [p.slice(0, at), p.slice(at + 1)];
    if (v === '' && k !== 'name') delete next[k];
    else next[k] = v;
  }
  const saved = await ctx.client().request('PUT', path, { json: next });
  ctx.print(
    `Stage ${saved.name} saved\n${fields(pairs.map((p) => [p.slice(0, p.indexOf('=')), saved.effective?.[p.slice(0, p.indexOf('='))] ?? saved.name]))}`,
    saved,
  );
}

async function launch(ctx: CommandContext, id: number): Promise<number> {
  const body = {
    test: ctx.args.switches.has('test'),
    ...(ctx.args.options.dataset ? { dataset_override: ctx.args.options.dataset } : {}),
  };
  const o = await ctx.client().request('POST', await ctx.expPath(`/stages/${id}/launch`), { json: body });
  if (o.kind === 'held') {
    ctx.print(`The stage or experiment is held: the launch is queued (#${o.heldLaunchId})`, o);
    return ctx.args.switches.has('wait') ? EXIT.held : EXIT.ok;
  }
  const what =
    o.kind === 'awaiting_approval' ? 'awaits approval' : o.duplicate ? 'was already launched' : 'launched';
  if (ctx.args.switches.has('wait')) {
    ctx.io.err(`Submission ${o.submissionId} ${what} on ${o.dataset}`);
    return waitForSubmission(ctx, o.submissionId);
  }
  ctx.print(`Submission ${o.submissionId} ${what} on ${o.dataset}`, o);
  return EXIT.ok;
}

async function preview(ctx: CommandContext, id: number) {
  const p = await ctx
    .client()
    .get(await ctx.expPath(`/stages/${id}/launch-preview`), { test: ctx.args.switches.has('test') });
  if (p.exhausted) return ctx.print(`Nothing to launch: ${p.reason}`, p);
  ctx.print(
    fields([
      ['dataset', p.dataset],
      ['host', `${p.account}@${p.host}`],
      ['held', p.held],
      ['command', p.command],
      ...(p.definitions?.length ? [['definitions', p.definitions.join(', ')] as [string, unknown]] : []),
    ]),
    p,
  );
}

async function hold(ctx: CommandContext, id: number, held: boolean) {
  const out = await ctx.client().request('POST', await ctx.expPath(`/stages/${id}/hold`), { json: { held } });
  ctx.print(
    held
      ? 'Stage held: its launches are queued'
      : `Stage released; ${out.released.length} queued launch(es) started`,
    out,
  );
}

async function schedule(ctx: CommandContext, id: number, cron: string | undefined) {
  if (cron === undefined) throw usage('give a cron schedule ("0 3 * * *"), or "none" to clear it');
  const value = /^(none|off|)$/i.test(cron.trim()) ? '' : cron;
  const out = await ctx
    .client()
    .request('PUT', await ctx.expPath(`/stages/${id}/schedule`), { json: { cron_schedule: value } });
  ctx.print(out.cron_schedule ? `Launches scheduled: ${out.cron_schedule}` : 'Schedule cleared', out);
}

/** poms stage show|edit|launch|preview|hold|release|schedule */
export async function stageCommand(ctx: CommandContext): Promise<number> {
  const [, sub, ref, ...rest] = ctx.args.words;
  const subs = ['show', 'edit', 'launch', 'preview', 'hold', 'release', 'schedule'];
  if (!sub || !subs.includes(sub)) throw usage(`poms stage ${sub ?? ''}: expected ${subs.join(', ')}`);
  const id = await stageId(ctx, ref);
  if (sub === 'launch') return launch(ctx, id);
  if (sub === 'show') await show(ctx, id);
  else if (sub === 'edit') await edit(ctx, id, rest);
  else if (sub === 'preview') await preview(ctx, id);
  else if (sub === 'hold' || sub === 'release') await hold(ctx, id, sub === 'hold');
  else await schedule(ctx, id, rest.length ? rest.join(' ') : undefined);
  return EXIT.ok;
}
