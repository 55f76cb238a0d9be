import { describe, expect, it } from 'vitest';
import { diffContents } from '../../../../src/services/reports/snapshot-diff.js';

describe('diffContents (changed since this launch)', () => {
  it('lists changed, added and removed fields by path; lists compare whole', () => {
    const then = {
      name: 'reco',
      completionPct: 90,
      parameters: [['-a', '1']],
      campaign: { keywords: { v: 'v1' } },
      gone: true,
    };
    const now = {
      name: 'reco',
      completionPct: 80,
      parameters: [['-a', '2']],
      campaign: { keywords: { v: 'v2' } },
      added: 'x',
    };
    expect(diffContents(then, now)).toEqual([
      { path: 'added', then: null, now: '"x"' },
      { path: 'campaign.keywords.v', then: '"v1"', now: '"v2"' },
      { path: 'completionPct', then: '90', now: '80' },
      { path: 'gone', then: 'true', now: null },
      { path: 'parameters', then: '[["-a","1"]]', now: '[["-a","2"]]' },
    ]);
    expect(diffContents(then, then)).toEqual([]);
  });
});
