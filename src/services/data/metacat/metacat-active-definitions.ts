import type { DataDispatcher } from '../../../adapters/data-dispatcher/index.js';
import type { Metacat } from '../../../adapters/metacat/index.js';
import { didOf } from '../../../domain/files/dd-rules.js';
import { NOTHING_MQL, unionMql } from '../../../domain/files/mql/browse-mql.js';
import { fileList } from '../../../domain/files/mql/provenance-mql.js';
import type { ActiveDefinitions } from '../data-handling.js';

/** Input queries remembered (a DD project's never changes); forgotten all at once past this many. */
const REMEMBERED = 10_000;

/**
 * MetaCat named queries `<experiment>:<name>` = the union of the in-flight submissions' Data
 * Dispatcher projects' input queries (a project without one: its files). MetaCat's REST API has no
 * call that removes a named query, so removing one makes it select nothing.
 */
export function metacatActiveDefinitions(mc: Metacat, dd: DataDispatcher): ActiveDefinitions {
  const queries = new Map<number, string>();
  async function inputQuery(projectId: number): Promise<string | null> {
    const known = queries.get(projectId);
    if (known) return known;
    const p = await dd.project(projectId);
    const q = p?.query ?? (p?.handles?.length ? fileList(p.handles.map(didOf)) : null);
    if (q === null) return null;
    if (queries.size >= REMEMBERED) queries.clear();
    queries.set(projectId, q);
    return q;
  }
  return {
    async text(inFlight) {
      const ids = [
        ...new Set(inFlight.flatMap((s) => (s.dd_project_id === null ? [] : [Number(s.dd_project_id)]))),
      ];
      const parts: string[] = [];
      for (const id of ids.sort((a, b) => a - b)) {
        const q = await inputQuery(id);
        if (q !== null) parts.push(q);
      }
      return unionMql(parts);
    },
    write: (experiment, name, mql) => mc.createNamedQuery(`${experiment}:${name}`, mql, { update: true }),
    remove: (experiment, name) => mc.createNamedQuery(`${experiment}:${name}`, NOTHING_MQL, { update: true }),
  };
}
