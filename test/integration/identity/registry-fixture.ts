import { expect } from 'vitest';

export type RegistryLevel = 'analysis' | 'production';

/** Sets what the simulator's registry (FERRY) reports: username → [full name, experiment → level]. */
export async function setRegistry(
  simUrl: string,
  users: Record<string, [string, Record<string, RegistryLevel>]>,
) {
  const body = {
    units: ['samdev'],
    users: Object.entries(users).map(([username, [full_name, memberships]]) => ({
      username,
      full_name,
      memberships,
    })),
  };
  const r = await fetch(`${simUrl}/sim/admin/registry`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(200);
}
