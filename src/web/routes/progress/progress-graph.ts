import type { CampaignProgress } from '../../../services/overview/progress-service.js';

/**
 * What the page script draws with vis-network: one node per stage with its numbers (the script
 * draws the progress bar inside the node), the campaign node, and the dependency edges. Positions
 * come from the campaign editor's layout when every stage has one; otherwise `hierarchical`.
 */
export function progressGraph(p: CampaignProgress, exp: string) {
  const stageUrl = (id: number) => `/experiments/${encodeURIComponent(exp)}/stages/${id}`;
  const campaignNode = {
    id: 'campaign',
    name: p.campaign.name,
    kind: 'campaign',
    pct: p.totals.files.pct,
    done: p.totals.files.done,
    submitted: p.totals.files.submitted,
    line: `campaign · ${p.totals.throughput.eta_text}`,
    x: p.campaign_position?.x ?? null,
    y: p.campaign_position?.y ?? null,
    url: null,
  };
  const nodes = p.stages.map((s) => ({
    id: s.stage_id,
    name: s.name + (s.held ? ' (held)' : ''),
    kind: 'stage',
    pct: s.files.pct,
    done: s.files.done,
    submitted: s.files.submitted,
    line: `run ${s.submissions.running} · held ${s.submissions.held} · failed ${s.submissions.failed} · ${s.throughput.eta_text}`,
    x: s.position?.x ?? null,
    y: s.position?.y ?? null,
    url: stageUrl(s.stage_id),
  }));
  const edges = [
    ...p.stages
      .filter((s) => s.leading && !s.detached)
      .map((s) => ({ from: 'campaign', to: s.stage_id, label: '' })),
    ...p.dependencies.map((d) => ({ from: d.from, to: d.to, label: d.file_pattern })),
  ];
  return { layout: p.layout, nodes: [campaignNode, ...nodes], edges };
}
