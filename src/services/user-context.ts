import type { Actor } from '../domain/permissions/permissions.js';
import { decide, type Action, type Target } from '../domain/permissions/permissions.js';
import { AppError } from '../lib/errors.js';

/** Who is asking, in which experiment, acting as which role. Built per request. */
export interface UserContext extends Actor {
  experimenterId: number;
  displayName: string;
  /** Current experiment; null for a user who belongs to none. */
  experiment: string | null;
}

/** Throws a 403 naming the reason unless `user` may do `action` on `target`. */
export function authorize(user: UserContext, action: Action, target: Target): void {
  const d = decide(user, action, target);
  if (!d.allowed) throw new AppError('forbidden', d.reason);
}

/** The system actor used by background loops (audited as such). */
export const SYSTEM_USER = 'poms';
