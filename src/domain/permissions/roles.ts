// Roles within one experiment, lowest first. `root` is not a role: it is a global admin flag.
export const ROLES = ['analysis', 'production-shifter', 'production', 'superuser'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);
export const roleRank = (r: Role): number => ROLES.indexOf(r);
export const roleAtMost = (r: Role, limit: Role): boolean => roleRank(r) <= roleRank(limit);

/** Roles a member may act as: their own and every lower one (root: all). */
export function rolesAvailable(memberRole: Role | null, root: boolean): Role[] {
  if (root) return [...ROLES];
  if (!memberRole) return [];
  return ROLES.filter((r) => roleAtMost(r, memberRole));
}

/** The role that objects created while acting as `role` are owned by (drives later permissions). */
export function creatorRoleFor(role: Role): 'analysis' | 'production' {
  return role === 'analysis' ? 'analysis' : 'production';
}
