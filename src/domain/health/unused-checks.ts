import type { DataServiceKind } from '../files/data-service-kind.js';

/** One part's answer in a health report. */
export interface CheckResult {
  ok: boolean;
  ms: number;
  detail?: string;
  /** It belongs to a data service no active experiment uses: a failure is reported, not fatal. */
  unused?: true;
}

const LABEL: Record<DataServiceKind, string> = { sam: 'SAM', metacat: 'MetaCat' };

/**
 * Marks the checks of data services no active experiment uses (`serviceOf` names each check's
 * service; checks it does not name are always needed). `active`: the data services of the active
 * experiments, null when they could not be read (then every check counts, as before).
 */
export function markUnused(
  checks: Record<string, CheckResult>,
  serviceOf: Readonly<Record<string, DataServiceKind>>,
  active: ReadonlySet<DataServiceKind> | null,
): Record<string, CheckResult> {
  if (!active) return checks;
  const out: Record<string, CheckResult> = {};
  for (const [name, c] of Object.entries(checks)) {
    const service = serviceOf[name];
    out[name] =
      service && !active.has(service)
        ? {
            ...c,
            unused: true,
            detail: [c.detail, `no active experiment uses ${LABEL[service]}`].filter(Boolean).join('; '),
          }
        : c;
  }
  return out;
}
