import type { Knex } from 'knex';
import { peopleStore, type ExperimenterRow, type IdentityRow } from '../db/stores/people-store.js';
import { isRole, roleAtMost, type Role } from '../domain/permissions/roles.js';
import { AppError, invalid } from '../lib/errors.js';
import type { UserContext } from './user-context.js';

function displayName(x: ExperimenterRow): string {
  const full = [x.first_name, x.last_name].filter(Boolean).join(' ');
  return full || x.username;
}

// Turns a username (from the sign-in session, the SSO header or a token) into a UserContext, and
// keeps each user's chosen experiment and role.
export function identityService(db: Knex) {
  const people = peopleStore(db);

  /** The request's user from their identity row: no further statement. */
  function contextOf(x: IdentityRow, wantExperiment?: string | null, wantRole?: string | null) {
    const memberships = x.memberships ?? {};
    const experiments = Object.keys(memberships).sort();
    const all = x.all_experiments ?? [];
    let experiment = wantExperiment ?? x.session_experiment ?? null;
    if (experiment && !x.root && !memberships[experiment]) experiment = null;
    if (experiment && x.root && !all.includes(experiment)) experiment = null;
    experiment ??= experiments[0] ?? (x.root ? (all[0] ?? null) : null);
    const ceiling: Role = x.root
      ? 'superuser'
      : experiment
        ? (memberships[experiment] ?? 'analysis')
        : 'analysis';
    const asked = wantRole ?? x.session_role;
    const role: Role = isRole(asked) && roleAtMost(asked, ceiling) ? asked : ceiling;
    const user: UserContext = {
      experimenterId: x.experimenter_id,
      username: x.username,
      displayName: displayName(x),
      root: x.root,
      memberships,
      experiment,
      role,
    };
    return user;
  }

  return {
    /** One statement: the experimenter, their memberships and (root) the experiments. */
    identity: (username: string) => people.identity(username),
    contextOf,
    async loadUser(username: string, opts: { experiment?: string | null; role?: string | null } = {}) {
      const x = await people.identity(username);
      return x ? contextOf(x, opts.experiment, opts.role) : null;
    },
    membershipSources: (experimenterId: number) => people.membershipSources(experimenterId),
    async recordLogin(experimenterId: number) {
      await people.updateExperimenter(experimenterId, { last_login: new Date() });
    },
    /** Switch experiment; the role becomes the lower of the current role and the new membership role. */
    async switchExperiment(user: UserContext, experiment: string): Promise<UserContext> {
      const member = user.memberships[experiment];
      if (!user.root && !member)
        throw new AppError('forbidden', `${user.username} is not a member of ${experiment}`);
      if (user.root && !(await people.experiment(experiment)))
        throw invalid(`no experiment named ${experiment}`);
      const ceiling: Role = user.root ? 'superuser' : member;
      const role = roleAtMost(user.role, ceiling) ? user.role : ceiling;
      await people.updateExperimenter(user.experimenterId, {
        session_experiment: experiment,
        session_role: role,
      });
      return { ...user, experiment, role };
    },
    /** Switch role within the current experiment, never above the membership role. */
    async switchRole(user: UserContext, role: string): Promise<UserContext> {
      if (!isRole(role))
        throw invalid(`unknown role "${role}"`, [{ field: 'role', message: 'unknown role' }]);
      const ceiling: Role | undefined = user.root
        ? 'superuser'
        : user.experiment
          ? user.memberships[user.experiment]
          : undefined;
      if (!ceiling || !roleAtMost(role, ceiling))
        throw new AppError(
          'forbidden',
          `${user.username} may not act as ${role} in ${user.experiment ?? 'no experiment'}`,
        );
      await people.updateExperimenter(user.experimenterId, { session_role: role });
      return { ...user, role };
    },
    /** Users offered on the development sign-in page. */
    async signInChoices(): Promise<
      Array<{ username: string; displayName: string; root: boolean; roles: string }>
    > {
      const rows = await db('experimenters as x')
        .leftJoin('memberships as m', function () {
          this.on('m.experimenter_id', 'x.experimenter_id').andOn('m.active', db.raw('true'));
        })
        .groupBy('x.experimenter_id')
        .orderBy('x.username')
        .limit(100)
        .select(
          'x.username',
          'x.first_name',
          'x.last_name',
          'x.root',
          db.raw(
            `coalesce(string_agg(m.experiment || ': ' || m.role, ', ' order by m.experiment), '') as roles`,
          ),
        );
      return rows.map((r: ExperimenterRow & { roles: string }) => ({
        username: r.username,
        displayName: displayName(r),
        root: r.root,
        roles: r.roles,
      }));
    },
  };
}

export type IdentityService = ReturnType<typeof identityService>;
