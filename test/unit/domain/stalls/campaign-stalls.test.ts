import { describe, expect, it } from 'vitest';
import {
  campaignStalls,
  stallSince,
  type StalledStage,
} from '../../../../src/domain/stalls/campaign-stalls.js';

const t = (h: number) => new Date(Date.UTC(2026, 11, 6, h));
const stage = (over: Partial<StalledStage>): StalledStage => ({
  stage_id: 1,
  stage: 'reco',
  campaign_id: 10,
  campaign: 'demo',
  experiment: 'samdev',
  oldest_unfinished: t(0),
  oldest_submission_id: 100,
  last_located: null,
  last_located_submission_id: null,
  stall_hours: 6,
  ...over,
});

describe('stallSince', () => {
  it('counts from the oldest unfinished launch when nothing was located after it', () => {
    expect(stallSince(stage({ last_located: t(-5), last_located_submission_id: 90 }))).toEqual({
      kind: 'launched',
      submission_id: 100,
      at: t(0),
      text: 'submission 100 launched, nothing located since',
    });
  });

  it('counts from the last located file when it is later', () => {
    expect(stallSince(stage({ last_located: t(2), last_located_submission_id: 95 }))).toMatchObject({
      kind: 'located',
      submission_id: 95,
      at: t(2),
      text: 'last file located by submission 95',
    });
  });
});

describe('campaignStalls', () => {
  it('groups stages by campaign, the longest stall first, and says for how long', () => {
    const rows = [
      stage({ stage_id: 1, stage: 'reco', oldest_unfinished: t(3) }),
      stage({
        stage_id: 2,
        stage: 'ana',
        oldest_unfinished: t(1),
        oldest_submission_id: 101,
        stall_hours: 2,
      }),
      stage({ stage_id: 3, stage: 'gen', campaign_id: 11, campaign: 'other', oldest_unfinished: t(0) }),
    ];
    const out = campaignStalls(rows, t(10));
    expect(out.map((c) => [c.campaign, c.stalled_for_h, c.since.submission_id])).toEqual([
      ['other', 10, 100],
      ['demo', 9, 101],
    ]);
    expect(out[1].stages.map((s) => [s.stage, s.stalled_for_h, s.stall_hours])).toEqual([
      ['ana', 9, 2],
      ['reco', 7, 6],
    ]);
  });
});
