import { CliError, usage } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { EXIT } from './exit-codes.js';

// Names people type → ids the API takes: a campaign by name (or id), a stage as CAMPAIGN/STAGE
// (or its id), a submission by id.

const isId = (s: string) => /^\d+$/.test(s);

export async function campaignId(ctx: CommandContext, nameOrId: string | undefined): Promise<number> {
  if (!nameOrId) throw usage('give a campaign name');
  if (isId(nameOrId)) return Number(nameOrId);
  const page = await ctx
    .client()
    .get(await ctx.expPath('/campaigns'), { name: nameOrId, state: 'all', page_size: 500 });
  const found = (page.items as Array<{ campaign_id: number; name: string }>).find((c) => c.name === nameOrId);
  if (!found) throw new CliError(`no campaign named ${nameOrId} in ${await ctx.experiment()}`, EXIT.notFound);
  return found.campaign_id;
}

export async function stageId(ctx: CommandContext, ref: string | undefined): Promise<number> {
  if (!ref) throw usage('give a stage as CAMPAIGN/STAGE or its id');
  if (isId(ref)) return Number(ref);
  const at = ref.lastIndexOf('/');
  if (at <= 0 || at === ref.length - 1) throw usage(`"${ref}" is neither CAMPAIGN/STAGE nor a stage id`);
  const [campaign, stage] = [ref.slice(0, at), ref.slice(at + 1)];
  const c = await ctx.client().get(await ctx.expPath(`/campaigns/${await campaignId(ctx, campaign)}`));
  const found = (c.stages as Array<{ stage_id: number; name: string }>).find((s) => s.name === stage);
  if (!found) throw new CliError(`campaign ${campaign} has no stage named ${stage}`, EXIT.notFound);
  return found.stage_id;
}

export function submissionId(ref: string | undefined): number {
  if (!ref || !isId(ref)) throw usage('give a submission id (a number)');
  return Number(ref);
}
