// Which submissions' SAM projects were handed one file, and which of them processed it. SAM cannot
// be asked "the projects of this file", so the page asks it about the projects of the submissions
// launched since the file was made: one count per group of projects, halving a group that holds
// the file until each project that does is found (about log2(group) counts per project found).
import type { Sam } from '../../../adapters/sam/sam.js';
import { fileInProjectsDims } from '../../../domain/files/file-provenance.js';
import type { Delivery } from '../file-browsing.js';

/** Projects asked about together in one count (keeps the dims, and the request, short). */
export const PROJECTS_PER_COUNT = 40;

export async function samFileDeliveries(
  sam: Sam,
  experiment: string,
  name: string,
  candidates: ReadonlyArray<{ submission_id: number; project: string }>,
): Promise<Delivery[]> {
  const holds = async (list: typeof candidates, status: 'delivered' | 'consumed') =>
    (await sam.countFiles(
      experiment,
      fileInProjectsDims(name, [...new Set(list.map((c) => c.project))], status),
    )) > 0;
  const find = async (list: typeof candidates): Promise<typeof candidates> => {
    if (list.length === 0 || !(await holds(list, 'delivered'))) return [];
    if (list.length === 1) return list;
    const mid = Math.ceil(list.length / 2);
    return [...(await find(list.slice(0, mid))), ...(await find(list.slice(mid)))];
  };
  const found: Array<{ submission_id: number; project: string }> = [];
  for (let i = 0; i < candidates.length; i += PROJECTS_PER_COUNT)
    found.push(...(await find(candidates.slice(i, i + PROJECTS_PER_COUNT))));
  return Promise.all(
    found.map(async (c) => ({ submission_id: c.submission_id, consumed: await holds([c], 'consumed') })),
  );
}
