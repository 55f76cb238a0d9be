import type { CampaignDocument } from './campaign-document.js';
import { resolveStage } from './effective-stage.js';

export interface ExternalReference {
  name: string;
  /** Stages that use it, in document order. */
  stages: string[];
}

export interface ExternalReferences {
  jobTypes: ExternalReference[];
  loginSetups: ExternalReference[];
}

function collect(
  pairs: Array<[name: string | undefined, stage: string]>,
  defined: Set<string>,
): ExternalReference[] {
  const found = new Map<string, string[]>();
  for (const [name, stage] of pairs) {
    if (name === undefined || defined.has(name)) continue;
    const stages = found.get(name) ?? [];
    stages.push(stage);
    found.set(name, stages);
  }
  return [...found].map(([name, stages]) => ({ name, stages }));
}

/**
 * Job types and login setups that stages use (after defaults) but the file does not define: the
 * importer must find them in the experiment. A default that no stage uses is not listed.
 */
export function externalReferences(doc: CampaignDocument): ExternalReferences {
  const effective = doc.stages.map((s) => resolveStage(s, doc.defaults));
  return {
    jobTypes: collect(
      effective.map((s) => [s.jobType, s.name]),
      new Set(doc.jobTypes.map((j) => j.name)),
    ),
    loginSetups: collect(
      effective.map((s) => [s.loginSetup, s.name]),
      new Set(doc.loginSetups.map((l) => l.name)),
    ),
  };
}
