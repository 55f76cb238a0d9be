// Exit codes scripts can rely on (listed in `poms --help`).

export const EXIT = {
  ok: 0,
  /** The server refused the request or it failed. */
  error: 1,
  /** Bad command line. */
  usage: 2,
  /** Not logged in, or the token is unknown, revoked or expired (HTTP 401). */
  unauthenticated: 3,
  /** The token's or the user's role does not allow it (HTTP 403). */
  forbidden: 4,
  /** No such campaign, stage or submission (HTTP 404). */
  notFound: 5,
  /** POMS could not be reached. */
  unreachable: 6,
  /** `wait`: the submission ended Failed. */
  failed: 10,
  /** `wait`: the launch failed (LaunchFailed). */
  launchFailed: 11,
  /** `wait`: the jobs were removed (Removed). */
  removed: 12,
  /** `wait`: the submission was cancelled (Cancelled). */
  cancelled: 13,
  /** `stage launch --wait`: the launch was queued because the stage or experiment is held. */
  held: 14,
  /** `wait`: --timeout passed first. */
  timeout: 15,
} as const;

/** HTTP status of a refused request → exit code. */
export function exitForStatus(status: number): number {
  if (status === 401) return EXIT.unauthenticated;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  return EXIT.error;
}
