import { describe, expect, it } from 'vitest';
import type { SubmissionListRow } from '../../../../src/db/read-models/submission-rows-read-model.js';
import { availableOutput } from '../../../../src/services/reports/file-dims.js';

const row = (over: Partial<SubmissionListRow>): SubmissionListRow =>
  ({
    submission_id: 7,
    project: null,
    dd_project_id: null,
    software_version: 'v1',
    created_at: new Date('2026-12-01T00:00:00Z'),
    completed_at: null,
    output_ancestor_depth: 1,
    output_patterns: 'reco_%.root',
    file_counts: { outputsLocated: 12 },
    ...over,
  }) as SubmissionListRow;

describe('Available output', () => {
  it('a SAM submission links its located outputs by dims', () => {
    const out = availableOutput(row({ project: 'p7' }), null);
    expect(out).toMatchObject({ count: 12, column: null });
    expect(out.dims).toContain("snapshot_for_project_name 'p7'");
  });

  it('a Data Dispatcher submission links its outputsLocated list (replicas are no query)', () => {
    expect(availableOutput(row({ dd_project_id: '42' }), null)).toEqual({
      count: 12,
      dims: null,
      column: 'outputsLocated',
    });
  });

  it('neither project, or never counted: no link, no count', () => {
    expect(availableOutput(row({ file_counts: null }), null)).toEqual({
      count: null,
      dims: null,
      column: null,
    });
  });
});
