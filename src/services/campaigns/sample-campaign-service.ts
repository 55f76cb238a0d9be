import fs from 'node:fs';
import path from 'node:path';
import { parseCampaignIni } from '../../domain/ini/index.js';
import { notFound } from '../../lib/errors.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import type { UserContext } from '../user-context.js';
import type { CampaignImportService } from './campaign-import-service.js';

/** Templates shipped with POMS: src/services/samples/<id>.ini, first two comment lines = title, description.
 * Read from the package root, so the compiled build (dist/) finds the same files. */
export const SAMPLES_DIR = path.join(PACKAGE_ROOT, 'src', 'services', 'samples');

export interface SampleCampaign {
  id: string;
  title: string;
  description: string;
  /** The campaign name the template carries (the demo experiment gets it under this name). */
  campaign: string;
  stages: string[];
  text: string;
}

function readSample(id: string): SampleCampaign {
  const text = fs.readFileSync(path.join(SAMPLES_DIR, `${id}.ini`), 'utf8');
  const comments = text
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.slice(1).trim());
  const { doc } = parseCampaignIni(text);
  return {
    id,
    title: comments[0] ?? id,
    description: comments[1] ?? '',
    campaign: doc.campaign.name,
    stages: doc.stages.map((s) => s.name),
    text,
  };
}

/** Every template, read once (they ship with the code and do not change while it runs). */
let catalogue: SampleCampaign[] | undefined;
export function sampleCatalogue(): SampleCampaign[] {
  catalogue ??= fs
    .readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.ini'))
    .sort()
    .map((f) => readSample(f.slice(0, -'.ini'.length)));
  return catalogue;
}

// Sample campaigns: templates a user instantiates under a new name; the job types and login setups
// they define are created when missing (or used as they are, see the import's rules).
export function sampleCampaignService(imports: CampaignImportService) {
  function find(id: string): SampleCampaign {
    const found = sampleCatalogue().find((s) => s.id === id);
    if (!found) throw notFound(`sample campaign ${id}`);
    return found;
  }
  return {
    list: () => sampleCatalogue().map(({ text: _t, ...info }) => info),
    get: find,
    /** A new campaign `name` from the template (refused if the name is taken). */
    async instantiate(user: UserContext, experiment: string, id: string, name: string) {
      const sample = find(id);
      const { doc, warnings } = parseCampaignIni(sample.text);
      const node = `campaign ${doc.campaign.name}`;
      const renamed = {
        ...doc,
        campaign: { ...doc.campaign, name },
        nodePositions: doc.nodePositions.map((p) => (p.id === node ? { ...p, id: `campaign ${name}` } : p)),
      };
      return imports.importDocument(user, experiment, renamed, {
        warnings,
        mustBeNew: true,
        via: `sample ${id}`,
      });
    },
  };
}

export type SampleCampaignService = ReturnType<typeof sampleCampaignService>;
