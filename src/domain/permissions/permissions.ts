import { roleAtMost, type Role } from './roles.js';

// One module answers every permission question. Within an experiment:
//   view    — any member (root: everywhere).
//   modify  — edit configuration (campaigns, stages, job types, login setups, tags):
//             superuser anything; production items created as production; analysis only their own
//             analysis-created items; production-shifter nothing.
//   operate — launch, kill, hold/release, kick status, approve: superuser anything; production and
//             production-shifter production items and analysis items; analysis only their own items.
//   create  — add a new configuration object: analysis, production, superuser (not shifters).
//   manage  — experiment administration (members, experiment-wide launch hold): superuser; root.
// The acting role may never exceed the stored membership role (the original let a shifter claim
// superuser through the URL).

export type Action = 'view' | 'modify' | 'operate' | 'create' | 'manage';

export interface Actor {
  username: string;
  root: boolean;
  /** Active memberships: experiment → stored role. */
  memberships: Readonly<Record<string, Role>>;
  /** The role the user is acting as in the current experiment. */
  role: Role;
}

export interface Target {
  experiment: string;
  /** Username of the object's creator, when it has one. */
  owner?: string | null;
  /** 'analysis' or 'production' for objects with an owner. */
  creatorRole?: string | null;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** The role the actor holds for `experiment`, or a refusal explaining why they hold none. */
export function actingRole(actor: Actor, experiment: string): { role: Role } | { reason: string } {
  if (actor.root) return { role: 'superuser' };
  const member = actor.memberships[experiment];
  if (!member) return { reason: `${actor.username} is not a member of ${experiment}` };
  if (!roleAtMost(actor.role, member))
    return { reason: `${actor.username} may act as ${member} or below in ${experiment}, not ${actor.role}` };
  return { role: actor.role };
}

export function decide(actor: Actor, action: Action, target: Target): Decision {
  const acting = actingRole(actor, target.experiment);
  if ('reason' in acting) return deny(acting.reason);
  const role = acting.role;
  if (role === 'superuser' || action === 'view') return allow;

  const own = !!target.owner && target.owner === actor.username;
  const ownerRole = target.creatorRole ?? null;
  switch (action) {
    case 'manage':
      return deny(`managing ${target.experiment} needs the superuser role`);
    case 'create':
      return role === 'production-shifter' ? deny('production shifters cannot create configuration') : allow;
    case 'modify':
      if (role === 'production')
        return ownerRole === 'production' || ownerRole === null
          ? allow
          : deny('this object belongs to an analysis user');
      if (role === 'analysis')
        return own && ownerRole === 'analysis'
          ? allow
          : deny('analysis users may edit only their own analysis objects');
      return deny('production shifters cannot edit configuration');
    case 'operate':
      if (role === 'production' || role === 'production-shifter') return allow;
      return own && ownerRole === 'analysis'
        ? allow
        : deny('analysis users may operate only their own analysis objects');
  }
}

export const can = (actor: Actor, action: Action, target: Target): boolean =>
  decide(actor, action, target).allowed;
