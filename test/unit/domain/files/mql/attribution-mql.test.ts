import { describe, expect, it } from 'vitest';
import { deliveredDids, isLocated, recoverySelection } from '../../../../../src/domain/files/dd-rules.js';
import { attributedOutputsMql } from '../../../../../src/domain/files/mql/attribution-mql.js';

const handles = [
  { namespace: 'dune', name: 'a', state: 'done' as const },
  { namespace: 'dune', name: 'b', state: 'failed' as const },
  { namespace: 'dune', name: 'c', state: 'reserved' as const },
  { namespace: 'dune', name: 'd', state: 'initial' as const },
];

describe('exact attribution in MQL', () => {
  const s = {
    submissionId: 42,
    param: 'poms.submission_id',
    delivered: ['dune:a', 'dune:b'],
    softwareVersion: 'v1',
    created: new Date('2026-12-07T08:00:00Z'),
    outputAncestorDepth: 2,
  };

  it('files naming the submission, or untied children of its delivered files in its lifetime, of its version', () => {
    expect(attributedOutputsMql({ ...s, completedAt: new Date('2026-12-07T09:00:00Z') })).toBe(
      'union(files where poms.submission_id = 42, children(children(files dune:a, dune:b)) where ' +
        'created_timestamp > datetime("2026-12-07T08:00:00") and created_timestamp <= datetime("2026-12-07T09:15:00") ' +
        'and poms.submission_id not present) where core.application.version = "v1"',
    );
  });

  it('before completion there is no upper bound; nothing delivered leaves only tied files', () => {
    expect(attributedOutputsMql({ ...s, completedAt: null })).not.toContain('<=');
    expect(attributedOutputsMql({ ...s, delivered: [], completedAt: null })).toBe(
      '(files where poms.submission_id = 42) where core.application.version = "v1"',
    );
  });

  it('names the submission under the configured key, and refuses one MQL could not hold unquoted', () => {
    const q = attributedOutputsMql({ ...s, param: 'dune.poms_task', completedAt: null });
    expect(q).toContain('files where dune.poms_task = 42');
    expect(q).toContain('and dune.poms_task not present)');
    expect(q).not.toContain('poms.submission_id');
    for (const bad of ['nodot', 'a.b or 1', 'a.b"', '.a', 'a.'])
      expect(() => attributedOutputsMql({ ...s, param: bad, completedAt: null }), bad).toThrow(RangeError);
  });
});

describe('Data Dispatcher rules', () => {
  it('delivered = every handle no longer initial', () => {
    expect(deliveredDids(handles)).toEqual(['dune:a', 'dune:b', 'dune:c']);
  });
  it('recovery selections by state', () => {
    expect(recoverySelection('state_failed', handles)).toEqual(['dune:b']);
    expect(recoverySelection('state_not_done', handles)).toEqual(['dune:b', 'dune:c', 'dune:d']);
    expect(recoverySelection('reprocess_all', handles)).toHaveLength(4);
  });
  it('Located needs the project ended and a replica of every expected output', () => {
    expect(isLocated({ projectEnded: true, done: 3, expected: 3, replicated: 3 })).toBe(true);
    expect(isLocated({ projectEnded: false, done: 3, expected: 3, replicated: 3 })).toBe(false);
    expect(isLocated({ projectEnded: true, done: 3, expected: 3, replicated: 2 })).toBe(false);
    expect(isLocated({ projectEnded: true, done: 3, expected: 0, replicated: 0 })).toBe(false);
    expect(isLocated({ projectEnded: true, done: 0, expected: 0, replicated: 0 })).toBe(true);
  });
});
