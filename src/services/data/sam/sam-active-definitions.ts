import type { Sam } from '../../../adapters/sam/sam.js';
import { samQuoteList } from '../../../domain/files/sam-quote.js';
import type { ActiveDefinitions } from '../data-handling.js';

/** SAM definitions `project_name '<p1>','<p2>'…` of the in-flight submissions' projects. */
export function samActiveDefinitions(sam: Sam): ActiveDefinitions {
  return {
    text: async (inFlight) =>
      `project_name ${samQuoteList([...new Set(inFlight.flatMap((s) => s.project ?? []))].sort(), 'project')}`,
    write: (experiment, name, dims) =>
      sam.createDefinition(experiment, name, dims, {
        onConflict: 'replace',
        description: 'files in flight of this POMS stage, kept by POMS',
      }),
    remove: (experiment, name) =>
      sam.deleteDefinition(experiment, name).catch((e: { kind?: string }) => {
        if (e.kind !== 'not_found') throw e;
      }),
  };
}
