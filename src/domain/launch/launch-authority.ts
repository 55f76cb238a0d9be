import { forbidden, invalid } from '../../lib/errors.js';

// Where and as whom a launch may run (inventory §3.2 steps 3, 8, 10). The launch role is the
// stage's creator role, never the launcher's or the stage's vo_role:
//   analysis   — only to a host listed in `analysis_launch_hosts`, under the launching person's own
//                account (the login setup's launch_account is not used), with analysis credentials;
//                never with a login setup owned by production.
//   production — under the login setup's account, never to an analysis launch host (stricter than the
//                original, which let a host named after the experiment and samdev through).
// Login setups owned by analysis users name their owner's own account (loginSetupAccountProblem).

export type LaunchRole = 'analysis' | 'production';

export interface LaunchAuthorityInput {
  experiment: string;
  /** The stage's creator_role. */
  stageCreatorRole: string;
  loginSetup: { name: string; host: string; account: string; creatorRole: string; active: boolean };
  /** Username the launch runs for (the scheduler for cron launches); null when no person. */
  launcher: string | null;
  /** Configured `[jobsub] analysis_launch_hosts`. */
  analysisHosts: readonly string[];
}

export interface LaunchAuthority {
  role: LaunchRole;
  /** Account to log in as on the host. */
  account: string;
}

export const launchRoleOf = (creatorRole: string): LaunchRole =>
  creatorRole === 'analysis' ? 'analysis' : 'production';

const isAnalysisHost = (host: string, hosts: readonly string[]) =>
  hosts.some((h) => h.toLowerCase() === host.toLowerCase());

/** The role and account of a launch, or an AppError saying which rule refuses it. */
export function launchAuthority(i: LaunchAuthorityInput): LaunchAuthority {
  const ls = i.loginSetup;
  if (!ls.active)
    throw invalid(`login setup ${ls.name} is inactive: activate it or choose another before launching`, [
      { field: 'login_setup', message: 'inactive' },
    ]);
  const role = launchRoleOf(i.stageCreatorRole);
  const analysisHost = isAnalysisHost(ls.host, i.analysisHosts);
  if (role === 'analysis') {
    if (launchRoleOf(ls.creatorRole) === 'production')
      throw forbidden(
        `login setup ${ls.name} belongs to production and can be used only by production stages; this stage was created by an analysis user`,
      );
    if (!analysisHost)
      throw forbidden(
        `analysis launches go only to the analysis launch hosts (${i.analysisHosts.join(', ') || 'none configured'}); ${ls.host} is not one`,
      );
    if (!i.launcher)
      throw forbidden('an analysis launch runs under a person’s own account: no person to run as');
    return { role, account: i.launcher };
  }
  if (analysisHost)
    throw forbidden(`production launches never go to an analysis launch host; ${ls.host} is one`);
  return { role, account: ls.account };
}

/**
 * Save-time rule for login setups: one owned by analysis (created by an analysis user) must name
 * its owner's own account. Returns the problem, or null.
 */
export function loginSetupAccountProblem(
  creatorRole: string,
  owner: string | null,
  account: string,
): string | null {
  if (launchRoleOf(creatorRole) !== 'analysis' || account === owner) return null;
  return `an analysis user's login setup runs under their own account: launch_account must be ${owner ?? 'the owner'}, not ${account}`;
}

/** Save-time rule for stages: an analysis stage cannot use a login setup owned by production. */
export function loginSetupUseProblem(
  stageCreatorRole: string,
  loginSetup: { name: string; creatorRole: string },
): string | null {
  if (launchRoleOf(stageCreatorRole) === 'analysis' && launchRoleOf(loginSetup.creatorRole) === 'production')
    return `login setup ${loginSetup.name} belongs to production and can be used only by production campaigns`;
  return null;
}
