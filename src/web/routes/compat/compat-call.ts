import type { CompatServices } from '../../../services/compat/compat-services.js';
import type { Services } from '../../../services/services.js';
import type { UserContext } from '../../../services/user-context.js';
import type { CompatFields } from './compat-fields.js';
import type { CompatReply } from './compat-reply.js';

export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

/** Everything one poms_client call needs: its fields, who acts, in which experiment. */
export interface CompatContext {
  f: CompatFields;
  user: UserContext;
  exp: string;
  files: ReadonlyMap<string, UploadedFile>;
  services: Services;
  compat: CompatServices;
}

export type CompatCall = (c: CompatContext) => Promise<CompatReply>;

/**
 * One poms_client method as the registry lists it. `mutating` is declared for every method, never
 * guessed: a mutating call is answered to POST only (GET gets 405) and, like every state change,
 * needs a credential a browser cannot be tricked into sending. A function decides per call for
 * the few methods the original overloaded (show_campaigns with action=delete removes a campaign).
 */
export interface CompatMethod {
  mutating: boolean | ((f: CompatFields) => boolean);
  call: CompatCall;
}

/** A method that only reads: GET or POST. */
export const reads = (call: CompatCall): CompatMethod => ({ mutating: false, call });
/** A method that changes state: POST only. */
export const changes = (call: CompatCall): CompatMethod => ({ mutating: true, call });

/** `YYYYMMDD_HHMMSS`, as the original's launch log names began. */
export function launchStamp(at = new Date()): string {
  return at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_');
}

/**
 * Where a launch redirects: the launch log page, its `fname` ending in `_<submission id>` as the
 * original's `<stamp>_<user>_<sid>` did (poms_client takes the id after the last underscore).
 */
export function launchLocation(exp: string, username: string, submissionId: number): string {
  const fname = `${launchStamp()}_${username}_${submissionId}`;
  return `/experiments/${encodeURIComponent(exp)}/submissions/${submissionId}/log?fname=${encodeURIComponent(fname)}`;
}
