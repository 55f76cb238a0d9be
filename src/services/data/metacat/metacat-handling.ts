import type { Knex } from 'knex';
import { isAdapterError } from '../../../adapters/adapter-error.js';
import type { DataDispatcher } from '../../../adapters/data-dispatcher/index.js';
import type { Metacat } from '../../../adapters/metacat/index.js';
import type { Rucio } from '../../../adapters/rucio/index.js';
import type { SubmissionRow } from '../../../db/stores/submission-store.js';
import { ddFileAccounting, ddRecoveryOf, locatedInputs } from '../../../domain/files/dd-rules.js';
import { recoveryDefinitionName } from '../../../domain/files/definition-names.js';
import { locatedCheckPatterns } from '../../../domain/files/located-dims.js';
import { fileList, type OutputFilter } from '../../../domain/files/mql/provenance-mql.js';
import { patternsOrAll, splitOutputPatterns } from '../../../domain/files/output-patterns.js';
import { recoveryBasis } from '../../../domain/recovery/recovery-ladder.js';
import type { RecoveryType } from '../../../domain/recovery/recovery-types.js';
import type { SubmissionContext } from '../../tracking/submission-context.js';
import { DataOutage, type DataHandling, type DefinedInput } from '../data-handling.js';
import type { MetacatDataHandling, MetacatSubmission } from '../metacat-data-handling.js';
import { metacatActiveDefinitions } from './metacat-active-definitions.js';
import { metacatFileBrowsing } from './metacat-file-browsing.js';
import { metacatSubmission, metacatSubmissionOf, metacatSubmissionOfRow } from './metacat-submission.js';

const isOutage = (e: unknown) => isAdapterError(e, 'unavailable') || isAdapterError(e, 'timeout');

const filtersOf = (s: MetacatSubmission, outputPatterns: string | null): OutputFilter[] =>
  patternsOrAll(splitOutputPatterns(outputPatterns)).map((pattern) => ({ pattern, after: s.created }));

/**
 * Data handling through MetaCat + Data Dispatcher + Rucio (issue 19): Located from the submission's
 * DD project and its outputs' replicas, recovery sets from handle states or provenance defined as
 * named queries `<experiment>:poms_recover_…`, dependencies as named `children(...)` queries of the
 * original's and its recoveries' outputs, numbers from handle states.
 */
export function metacatHandling(
  db: Knex,
  mc: Metacat,
  mdh: MetacatDataHandling,
  newId: () => string,
  more: { dd: DataDispatcher; rucio: Rucio },
): DataHandling {
  /** The DIDs of a recovery set, defined as a named query of exactly those files. */
  async function defineFiles(
    experiment: string,
    name: string,
    dids: readonly string[],
  ): Promise<DefinedInput> {
    const query = fileList(dids);
    const definition = `${experiment}:${name}`;
    await mc.createNamedQuery(definition, query, { update: true });
    return { definition, query };
  }

  async function recoveryDids(s: MetacatSubmission | null, type: RecoveryType, outputPatterns: string) {
    if (!s) return [];
    return mdh.recoveryFiles(s, ddRecoveryOf(type), filtersOf(s, outputPatterns));
  }

  return {
    service: 'metacat',
    files: metacatFileBrowsing(mc, more.dd, more.rucio, mdh),
    activeDefinitions: metacatActiveDefinitions(mc, more.dd),

    async locateCounts(ctx, needed) {
      const s = metacatSubmissionOf(ctx);
      const none = { filesConsumed: null, located: null, submitted: null, fromProject: false };
      if (!s) return none;
      const depPatterns: string[] = await db('dependencies')
        .where({ upstream_stage_id: ctx.sub.stage_id })
        .whereNot({ downstream_stage_id: ctx.sub.stage_id })
        .pluck('file_pattern');
      const patterns = locatedCheckPatterns(depPatterns, splitOutputPatterns(ctx.jobType.outputFilePatterns));
      const asked = mdh.located(s, patterns);
      const x = needed ? await asked : await asked.catch(() => null);
      if (!x) return none;
      return {
        filesConsumed: x.done,
        located: locatedInputs(x),
        submitted: x.handles.length,
        fromProject: true,
      };
    },

    recoverySets(located: SubmissionRow, original: SubmissionContext) {
      const found = new Map<RecoveryType, string[]>();
      return {
        async count(type) {
          // added_files compares the original's input with the original's project (recovery-ladder.ts).
          const basis = recoveryBasis(type) === 'original' ? original.sub : located;
          const s = metacatSubmission(basis, original.stage);
          const dids = await recoveryDids(s, type, original.jobType.outputFilePatterns);
          found.set(type, dids);
          return dids.length;
        },
        async define(type, index) {
          const dids = found.get(type);
          if (!dids?.length) return null;
          const orig = original.sub;
          return defineFiles(
            orig.experiment,
            recoveryDefinitionName(newId(), orig.submission_id, index),
            dids,
          );
        },
      };
    },

    async manualRecovery(ctx, type) {
      const sub = ctx.sub;
      const files = await recoveryDids(metacatSubmissionOf(ctx), type, ctx.jobType.outputFilePatterns);
      return {
        query: files.length ? fileList(files) : null,
        files,
        async define() {
          const sid = sub.parent_submission_id ?? sub.submission_id;
          const name = recoveryDefinitionName(newId(), sid, sub.recovery_position ?? 0);
          return (await defineFiles(sub.experiment, name, files)).definition;
        },
      };
    },

    async dependencyInput(plan, filePattern, original) {
      const exp = original.sub.experiment;
      const s = metacatSubmissionOf(original);
      if (!s) return { definition: `${exp}:${plan.definition}`, query: null };
      const recoveries: SubmissionRow[] = await db('submissions')
        .where({ parent_submission_id: original.sub.submission_id })
        .whereNotNull('dd_project_id')
        .orderBy('submission_id');
      const subs = [s, ...recoveries.flatMap((r) => metacatSubmission(r, original.stage) ?? [])];
      const dep = await mdh.dependency(subs, {
        index: plan.index,
        pattern: filePattern,
        namespace: exp,
        name: plan.definition,
      });
      if (dep.count === 0) return { skip: `stage ${plan.stageId}: no files for ${dep.name}, not launched` };
      return { definition: dep.name, query: dep.query };
    },

    async countSubmissionFiles(row) {
      const s = metacatSubmissionOfRow(row);
      if (!s) return ddFileAccounting([], { projectEnded: false, done: 0, expected: 0, replicated: 0 });
      try {
        const x = await mdh.located(s, patternsOrAll(splitOutputPatterns(row.output_patterns)));
        return ddFileAccounting(x.handles, x);
      } catch (e) {
        if (isOutage(e)) throw new DataOutage((e as Error).message);
        throw e;
      }
    },
  };
}
