import * as z from 'zod';

// The simulated lab registry: people and their experiment roles (FERRY's grid_access rows, one
// FQAN per experiment and role). Held in memory: tests and demos set it through the admin API.

export const registryBody = z.object({
  /** Affiliation units (experiments) with no members yet; those of the users are known anyway. */
  units: z.array(z.string()).default([]),
  users: z.array(
    z.object({
      username: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
      full_name: z.string().default(''),
      active: z.boolean().default(true),
      /** experiment → role in the registry */
      memberships: z.record(z.string(), z.enum(['analysis', 'production'])).default({}),
    }),
  ),
});
export type RegistryBody = z.infer<typeof registryBody>;
type User = RegistryBody['users'][number];

const ROLE = { analysis: 'Analysis', production: 'Production' } as const;
export const fqanOf = (experiment: string, level: 'analysis' | 'production') =>
  `/fermilab/${experiment}/Role=${ROLE[level]}/Capability=NULL`;

export class RegistryDirectory {
  private users = new Map<string, User>();
  private units: string[] = [];

  replace(body: RegistryBody): void {
    this.users = new Map(body.users.map((u) => [u.username, u]));
    this.units = body.units;
  }

  all(): RegistryBody {
    return { units: this.units, users: [...this.users.values()] };
  }

  user(username: string): User | undefined {
    return this.users.get(username);
  }

  /** Active users with `role` (FERRY: an FQAN of that role) in `experiment`. */
  members(experiment: string, role: 'analysis' | 'production'): User[] {
    return [...this.users.values()].filter((u) => u.active && u.memberships[experiment] === role);
  }

  experiments(): Set<string> {
    return new Set([...this.units, ...[...this.users.values()].flatMap((u) => Object.keys(u.memberships))]);
  }
}

/** The demo registry: the demo experiment's people at their registry levels, and one newcomer. */
export function demoRegistry(): RegistryBody {
  const u = (username: string, full_name: string, role: 'analysis' | 'production') => ({
    username,
    full_name,
    active: true,
    memberships: { samdev: role },
  });
  return {
    units: ['samdev'],
    users: [
      u('superuser', 'Sam Super', 'production'),
      u('producer', 'Pat Producer', 'production'),
      u('shifter', 'Shay Shifter', 'analysis'),
      u('analyst', 'Ana Analyst', 'analysis'),
      u('newcomer', 'Nia Newcomer', 'analysis'),
    ],
  };
}
