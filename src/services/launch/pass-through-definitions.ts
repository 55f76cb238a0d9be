import type { Knex } from 'knex';
import { passThroughDeclarations, type StageType } from '../../domain/dependencies/dependency-plan.js';

/** The submission and its stage snapshot as far as the declarations need them. */
export interface PassThroughLaunch {
  submissionId: number;
  test: boolean;
  created: Date;
  dataset: string | null;
  creatorUsername: string;
  stage: {
    id: number;
    type: string;
    softwareVersion: string;
    outputAncestorDepth: number;
    creatorRole: string;
  };
}

/**
 * The `poms_depends_<sid>_<i>` definitions an approval or datatransfer submission declares (none for
 * other stage types), from the stage's dependency rows as they are now.
 */
export async function passThroughDefinitions(
  db: Knex,
  s: PassThroughLaunch,
): Promise<Array<{ definition: string; dims: string }>> {
  if (s.stage.type !== 'approval' && s.stage.type !== 'datatransfer') return [];
  const rows: Array<{ downstream_stage_id: number; file_pattern: string }> = await db('dependencies')
    .where({ upstream_stage_id: s.stage.id })
    .orderBy(['downstream_stage_id', 'ordinal'])
    .select('downstream_stage_id', 'file_pattern');
  return passThroughDeclarations({
    located: {
      id: s.submissionId,
      isTest: s.test,
      project: null,
      created: s.created,
      dataset: s.dataset,
      creatorUsername: s.creatorUsername,
      recoveryParentId: null,
    },
    stage: {
      id: s.stage.id,
      type: s.stage.type as StageType,
      softwareVersion: s.stage.softwareVersion,
      outputAncestorDepth: s.stage.outputAncestorDepth,
      creatorRole: s.stage.creatorRole === 'analysis' ? 'analysis' : 'production',
    },
    dependencies: rows.map((r) => ({
      downstreamStageId: r.downstream_stage_id,
      filePattern: r.file_pattern,
    })),
  });
}
