import type { CampaignDocument } from '../../domain/ini/index.js';
import { invalid } from '../../lib/errors.js';

/**
 * The clone's name for a stage, as the original's clone did: `from` replaced by `to` where the name
 * contains it, else the name prefixed with `clone_of_`.
 */
export function cloneStageName(stage: string, from: string, to: string): string {
  return from !== '' && stage.includes(from) ? stage.replaceAll(from, to) : `clone_of_${stage}`;
}

/** The document under a new campaign name, every stage renamed (dependencies and positions follow). */
export function renameForClone(
  doc: CampaignDocument,
  name: string,
  from: string,
  to: string,
): CampaignDocument {
  const names = new Map(doc.stages.map((s) => [s.name, cloneStageName(s.name, from, to)]));
  const renamed = [...names.values()];
  const clash = renamed.find((n, i) => renamed.indexOf(n) !== i || n.trim() === '' || /[\r\n]/.test(n));
  if (clash !== undefined)
    throw invalid(
      `renaming the stages gives '${clash}' twice or an empty name; choose other replace/with text`,
      [{ field: 'from', message: 'stage names must stay distinct and non-empty' }],
    );
  const rename = (n: string) => names.get(n) ?? n;
  const campaignNode = `campaign ${doc.campaign.name}`;
  return {
    ...doc,
    campaign: { ...doc.campaign, name, stageListHint: doc.campaign.stageListHint.map(rename) },
    stages: doc.stages.map((s) => ({ ...s, name: rename(s.name) })),
    dependencies: doc.dependencies.map((d) => ({
      ...d,
      upstream: rename(d.upstream),
      downstream: rename(d.downstream),
    })),
    nodePositions: doc.nodePositions.map((p) => ({
      ...p,
      id: p.id === campaignNode ? `campaign ${name}` : rename(p.id),
    })),
  };
}
