import * as z from 'zod';

export const signInBody = z.object({
  username: z.string().trim().min(1, 'choose a user'),
  /** The page to land on once signed in (a same-site path; anything else lands on the home page). */
  next: z.string().max(2000).optional(),
});
export const signInQuery = z.object({ next: z.string().max(2000).optional() });
export const switchExperimentBody = z.object({
  experiment: z.string().trim().min(1, 'choose an experiment'),
});
export const switchRoleBody = z.object({ role: z.string().trim().min(1, 'choose a role') });
export const sessionApiBody = z.object({ experiment: z.string().optional(), role: z.string().optional() });
