import type { Role } from '../permissions/roles.js';

// What a registry sync changes in one experiment (issue 20; the original's bin/addusers.py). The
// registry (FERRY) knows two levels, analysis and production. Shifters and superusers are decided
// in POMS: such a membership is never changed or removed by the registry, and, as in the original,
// a shifter counts as analysis when compared with it. A role set locally (source local) above what
// the registry reports is kept; a role the registry set follows the registry down as well as up.

export type RegistryLevel = 'analysis' | 'production';
export type MembershipSource = 'local' | 'registry';

export interface LocalMembership {
  username: string;
  role: Role;
  active: boolean;
  source: MembershipSource;
}

export type RegistryChange =
  | { action: 'membership-added' | 'membership-reactivated'; username: string; newRole: RegistryLevel }
  | { action: 'role-changed'; username: string; oldRole: Role; newRole: RegistryLevel }
  | { action: 'membership-removed'; username: string; oldRole: Role };

export interface ExperimentPlan {
  changes: RegistryChange[];
  /** Set when nothing is changed on purpose (a registry answer with no members at all). */
  skipped?: string;
}

const LOCAL_ONLY: ReadonlySet<Role> = new Set(['production-shifter', 'superuser']);

/** The changes that bring one experiment's memberships in line with the registry's report. */
export function planExperiment(
  reported: ReadonlyMap<string, RegistryLevel>,
  local: readonly LocalMembership[],
): ExperimentPlan {
  // A registry answering nobody is far likelier broken than right: the original skipped too.
  if (reported.size === 0)
    return { changes: [], skipped: 'the registry reported no members: nothing changed' };
  const changes: RegistryChange[] = [];
  const byUser = new Map(local.map((m) => [m.username, m]));
  for (const [username, level] of [...reported].sort(([a], [b]) => a.localeCompare(b))) {
    const m = byUser.get(username);
    if (!m) changes.push({ action: 'membership-added', username, newRole: level });
    else if (!m.active) changes.push({ action: 'membership-reactivated', username, newRole: level });
    else if (m.role === level || m.role === 'superuser') continue;
    else if (m.role === 'production-shifter') {
      if (level === 'production')
        changes.push({ action: 'role-changed', username, oldRole: m.role, newRole: level });
    } else if (level === 'production' || m.source === 'registry')
      changes.push({ action: 'role-changed', username, oldRole: m.role, newRole: level });
  }
  for (const m of local)
    if (m.active && m.source === 'registry' && !LOCAL_ONLY.has(m.role) && !reported.has(m.username))
      changes.push({ action: 'membership-removed', username: m.username, oldRole: m.role });
  return { changes };
}

/** FERRY's FQAN role (`/fermilab/dune/Role=Production/Capability=NULL`) as a level, if it is one. */
export function levelOfFqan(fqan: string): RegistryLevel | undefined {
  const m = /\/Role=(Analysis|Production)(\/|$)/i.exec(fqan);
  return m ? (m[1].toLowerCase() as RegistryLevel) : undefined;
}

/** The higher of two levels (a user in both lists is production). */
export const higherLevel = (a: RegistryLevel | undefined, b: RegistryLevel): RegistryLevel =>
  a === 'production' || b === 'production' ? 'production' : 'analysis';

/** FERRY's full name as the original split it: first word, then the rest as the last name. */
export function splitFullName(full: string | null | undefined): {
  first_name: string | null;
  last_name: string;
} {
  const t = (full ?? '').trim();
  const i = t.indexOf(' ');
  return i < 0
    ? { first_name: null, last_name: t }
    : { first_name: t.slice(0, i), last_name: t.slice(i + 1).trim() };
}
