import type { Knex } from 'knex';
import type { Sam } from '../../../adapters/sam/sam.js';
import type { DataHandling } from '../data-handling.js';
import { samDependencyInput } from './sam-dependency-input.js';
import { countSubmissionFiles } from './sam-file-counter.js';
import { samLocateCounts } from './sam-locate-counts.js';
import { samManualRecovery, samRecoverySets } from './sam-recovery.js';
import { samActiveDefinitions } from './sam-active-definitions.js';
import { samFileBrowsing } from './sam-file-browsing.js';

/** Data handling through SAM: projects, dimensions, definitions (the original POMS's). */
export function samDataHandling(db: Knex, sam: Sam, newId: () => string): DataHandling {
  return {
    service: 'sam',
    locateCounts: (ctx, needed) => samLocateCounts(db, sam, ctx, needed),
    recoverySets: (located, original) => samRecoverySets(sam, newId, located, original),
    manualRecovery: (ctx, type) => samManualRecovery(sam, newId, ctx, type),
    dependencyInput: (plan, pattern, original) => samDependencyInput(db, sam, original, plan, pattern),
    countSubmissionFiles: (row) => countSubmissionFiles(sam, row),
    files: samFileBrowsing(sam),
    activeDefinitions: samActiveDefinitions(sam),
  };
}
