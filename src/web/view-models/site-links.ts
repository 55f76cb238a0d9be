import { toLensJobId } from '../../adapters/jobsub/parse/job-id.js';
import type { Config } from '../../config/config-schema.js';
import { groupFor } from '../../domain/launch/index.js';

// The site's monitoring links of a submission ([links] in the configuration): Landscape, Grafana,
// and the SAM station monitor of its project. A template whose placeholder has no value (no jobsub
// id yet, no project) gives no link.

export interface SiteLink {
  label: string;
  url: string;
}

const fill = (template: string | undefined, values: Record<string, string | null | undefined>) => {
  if (!template) return null;
  let missing = false;
  const url = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = values[key];
    if (v === undefined || v === null || v === '') missing = true;
    return key in values ? encodeURIComponent(v ?? '') : whole;
  });
  return missing ? null : url;
};

export function submissionLinks(
  links: Readonly<Config['links']>,
  s: { experiment: string; submission_id: number; jobsub_job_id: string | null; project: string | null },
): { monitoring: SiteLink[]; project: SiteLink | null } {
  const values = {
    experiment: s.experiment,
    group: groupFor(s.experiment),
    submission_id: String(s.submission_id),
    jobsub_job_id: s.jobsub_job_id,
    lens_job_id: s.jobsub_job_id ? toLensJobId(s.jobsub_job_id) : null,
    project: s.project,
  };
  const monitoring: SiteLink[] = [];
  const landscape = fill(links.landscape_submission, values);
  if (landscape) monitoring.push({ label: 'Landscape', url: landscape });
  const grafana = fill(links.grafana_submission, values);
  if (grafana) monitoring.push({ label: 'Grafana', url: grafana });
  const station = fill(links.sam_station_monitor, values);
  return { monitoring, project: station ? { label: 'SAM station monitor', url: station } : null };
}
