import fs from 'node:fs';
import { CliError, usage } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { fields, table } from '../output.js';
import { campaignId } from '../resolve.js';

type Report = {
  campaign_id: number;
  campaign: string;
  created: Array<{ kind: string; name: string }>;
  updated: Array<{ kind: string; name: string }>;
  warnings: Array<{ line?: number; section?: string; key?: string; message: string }>;
};

const names = (objs: Array<{ kind: string; name: string }>) =>
  objs.map((o) => `${o.kind} ${o.name}`).join(', ') || '-';

function reportText(verb: string, r: Report): string {
  const warnings = r.warnings.map(
    (w) =>
      `  warning: ${[w.line ? `line ${w.line}` : '', w.section ? `[${w.section}]` : '', w.key ?? ''].filter(Boolean).join(' ')} ${w.message}`,
  );
  return [
    `${verb} campaign ${r.campaign} (id ${r.campaign_id})`,
    fields([
      ['created', names(r.created)],
      ['updated', names(r.updated)],
    ]),
    ...warnings,
  ].join('\n');
}

async function list(ctx: CommandContext) {
  const page = await ctx.client().get(await ctx.expPath('/campaigns'), {
    state: ctx.args.switches.has('all') ? 'all' : 'active',
    page: ctx.args.options.page,
    page_size: 500,
  });
  const rows = (page.items as any[]).map((c) => [
    c.campaign_id,
    c.name,
    c.active ? 'yes' : 'no',
    c.stages,
    c.running,
    c.creator,
    (c.tags ?? []).join(','),
  ]);
  const more = page.pages > page.page ? `\n(page ${page.page} of ${page.pages}: --page N for more)` : '';
  ctx.print(table(['ID', 'NAME', 'ACTIVE', 'STAGES', 'RUNNING', 'CREATOR', 'TAGS'], rows) + more, page);
}

async function show(ctx: CommandContext, name?: string) {
  const c = await ctx.client().get(await ctx.expPath(`/campaigns/${await campaignId(ctx, name)}`));
  const stages = (c.stages as any[]).map((s) => [
    s.stage_id,
    s.name,
    s.effective.dataset_or_split_data,
    s.effective.cs_split_type,
    s.effective.job_type,
    s.effective.login_setup,
  ]);
  const deps = (c.dependencies as any[]).map((d) => `  ${d.upstream} → ${d.downstream} (${d.file_pattern})`);
  ctx.print(
    [
      fields([
        ['campaign', `${c.name} (id ${c.campaign_id})`],
        ['active', c.active],
        ['creator', `${c.creator} (${c.creator_role})`],
        ['tags', c.tags.join(', ') || '-'],
        ['submissions', c.submissions],
      ]),
      '',
      table(['STAGE ID', 'STAGE', 'DATASET', 'SPLIT', 'JOB TYPE', 'LOGIN SETUP'], stages),
      ...(deps.length ? ['', 'dependencies:', ...deps] : []),
    ].join('\n'),
    c,
  );
}

async function importFile(ctx: CommandContext, file?: string) {
  if (!file) throw usage('give the .ini file to import');
  let text: Uint8Array;
  try {
    text = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const r = (await ctx.client().request('POST', await ctx.expPath('/campaigns/import'), { text })) as Report;
  ctx.print(reportText(r.created.some((o) => o.kind === 'campaign') ? 'Imported' : 'Re-imported', r), r);
}

async function exportIni(ctx: CommandContext, name?: string) {
  const { body } = await ctx
    .client()
    .text('GET', await ctx.expPath(`/campaigns/${await campaignId(ctx, name)}/ini`));
  const out = ctx.args.options.output;
  if (!out) return void ctx.io.out(body.replace(/\n$/, ''));
  fs.writeFileSync(out, body);
  ctx.io.err(`Wrote ${out}`);
}

async function clone(ctx: CommandContext, name?: string, to?: string) {
  if (!to) throw usage('give the new campaign name: poms campaign clone NAME NEW');
  const { from, to: toText } = ctx.args.options;
  const r = (await ctx
    .client()
    .request('POST', await ctx.expPath(`/campaigns/${await campaignId(ctx, name)}/clone`), {
      json: {
        name: to,
        ...(from !== undefined ? { from } : {}),
        ...(toText !== undefined ? { to: toText } : {}),
      },
    })) as Report;
  ctx.print(reportText('Created', r), r);
}

async function remove(ctx: CommandContext, name?: string) {
  const r = await ctx
    .client()
    .request('DELETE', await ctx.expPath(`/campaigns/${await campaignId(ctx, name)}`));
  ctx.print(`Deleted campaign ${r.name} and its ${r.stages} stage(s)`, r);
}

/** poms campaign list|show|import|export|clone|delete */
export async function campaignCommand(ctx: CommandContext): Promise<number> {
  const [, sub, a, b] = ctx.args.words;
  const run: Record<string, () => Promise<void>> = {
    list: () => list(ctx),
    show: () => show(ctx, a),
    import: () => importFile(ctx, a),
    export: () => exportIni(ctx, a),
    clone: () => clone(ctx, a, b),
    delete: () => remove(ctx, a),
  };
  if (!sub || !run[sub])
    throw usage(`poms campaign ${sub ?? ''}: expected list, show, import, export, clone or delete`);
  await run[sub]();
  return EXIT.ok;
}
