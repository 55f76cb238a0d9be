import type { Knex } from 'knex';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import type { ParamPair } from '../../domain/launch/index.js';

/** What tracking reads from the snapshots a submission launched with (not the live, maybe edited, rows). */
export interface SubmissionContext {
  sub: SubmissionRow;
  stage: {
    id: number;
    name: string;
    type: string;
    softwareVersion: string;
    completionType: 'located' | 'complete';
    completionPct: number;
    outputAncestorDepth: number;
    creatorRole: string;
  };
  jobType: { outputFilePatterns: string; recoveries: Array<{ type: string; paramOverrides: ParamPair[] }> };
  creatorUsername: string;
}

export async function loadSubmissionContext(db: Knex, sub: SubmissionRow): Promise<SubmissionContext> {
  const [stageSnap, jtSnap, creator] = await Promise.all([
    sub.stage_snapshot_id
      ? db('stage_snapshots').where({ snapshot_id: sub.stage_snapshot_id }).first('content')
      : null,
    sub.job_type_snapshot_id
      ? db('job_type_snapshots').where({ snapshot_id: sub.job_type_snapshot_id }).first('content')
      : null,
    sub.creator ? db('experimenters').where({ experimenter_id: sub.creator }).first('username') : null,
  ]);
  const st = (stageSnap?.content ?? {}) as Record<string, unknown>;
  const jt = (jtSnap?.content ?? {}) as Record<string, unknown>;
  return {
    sub,
    stage: {
      id: sub.stage_id,
      name: String(st.name ?? ''),
      type: String(st.type ?? 'regular'),
      softwareVersion: String(st.softwareVersion ?? ''),
      completionType: st.completionType === 'complete' ? 'complete' : 'located',
      completionPct: Number(st.completionPct ?? 95),
      outputAncestorDepth: Number(st.outputAncestorDepth ?? 1),
      creatorRole: String(st.creatorRole ?? 'production'),
    },
    jobType: {
      outputFilePatterns: String(jt.outputFilePatterns ?? '%'),
      recoveries: (jt.recoveries as SubmissionContext['jobType']['recoveries']) ?? [],
    },
    creatorUsername: creator?.username ?? 'poms',
  };
}
