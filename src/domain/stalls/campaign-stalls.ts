// How a stall reads on a page and in a message: since when, since which event, for how long.

export interface StalledStage {
  stage_id: number;
  stage: string;
  campaign_id: number;
  campaign: string;
  experiment: string;
  oldest_unfinished: Date;
  oldest_submission_id: number;
  last_located: Date | null;
  last_located_submission_id: number | null;
  stall_hours: number;
}

export interface StallEvent {
  /** `located`: the last file located; `launched`: the oldest unfinished submission, nothing located since. */
  kind: 'located' | 'launched';
  submission_id: number;
  at: Date;
  text: string;
}

export interface StageStall {
  stage_id: number;
  stage: string;
  stall_hours: number;
  since: StallEvent;
  /** Whole hours since `since.at`. */
  stalled_for_h: number;
}

export interface CampaignStall {
  campaign_id: number;
  campaign: string;
  experiment: string;
  /** The stage stalled longest. */
  since: StallEvent;
  stalled_for_h: number;
  stages: StageStall[];
}

const HOUR = 3_600_000;

/** The later of the last located file and the oldest unfinished launch: no progress since then. */
export function stallSince(s: StalledStage): StallEvent {
  const launched = new Date(s.oldest_unfinished);
  const located = s.last_located ? new Date(s.last_located) : null;
  if (located && s.last_located_submission_id !== null && located.getTime() > launched.getTime())
    return {
      kind: 'located',
      submission_id: s.last_located_submission_id,
      at: located,
      text: `last file located by submission ${s.last_located_submission_id}`,
    };
  return {
    kind: 'launched',
    submission_id: s.oldest_submission_id,
    at: launched,
    text: `submission ${s.oldest_submission_id} launched, nothing located since`,
  };
}

/** Stalled stages grouped by campaign, the longest stall first within and across campaigns. */
export function campaignStalls(rows: readonly StalledStage[], now: Date): CampaignStall[] {
  const by = new Map<number, CampaignStall>();
  for (const r of rows) {
    const since = stallSince(r);
    const stage: StageStall = {
      stage_id: r.stage_id,
      stage: r.stage,
      stall_hours: r.stall_hours,
      since,
      stalled_for_h: Math.floor((now.getTime() - since.at.getTime()) / HOUR),
    };
    const c = by.get(r.campaign_id);
    if (!c) {
      by.set(r.campaign_id, {
        campaign_id: r.campaign_id,
        campaign: r.campaign,
        experiment: r.experiment,
        since,
        stalled_for_h: stage.stalled_for_h,
        stages: [stage],
      });
      continue;
    }
    c.stages.push(stage);
    if (since.at.getTime() < c.since.at.getTime()) {
      c.since = since;
      c.stalled_for_h = stage.stalled_for_h;
    }
  }
  const out = [...by.values()];
  for (const c of out) c.stages.sort((a, b) => a.since.at.getTime() - b.since.at.getTime());
  return out.sort((a, b) => a.since.at.getTime() - b.since.at.getTime() || a.campaign_id - b.campaign_id);
}
