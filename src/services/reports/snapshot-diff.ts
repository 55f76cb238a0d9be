// "Changed since this launch": a snapshot a submission launched with against what a launch of
// its stage would snapshot now. Contents are compared field by field (nested objects by path;
// lists, such as parameter pairs, as whole values).

import type { StageLaunchConfig } from '../launch/launch-config.js';

export interface ConfigChange {
  /** Dotted path, e.g. `softwareVersion`, `campaign.keywords.version`. */
  path: string;
  /** JSON text of the value at launch and now; null when absent on that side. */
  then: string | null;
  now: string | null;
}

export type SnapshotKind = 'stage' | 'job_type' | 'login_setup';

/**
 * What snapshotConfig (services/launch/snapshots.ts) would store for each kind now: the stage
 * without its cursors and hold, with completion_pct and its campaign; the job type; the login setup.
 */
export function currentSnapshotContents(cfg: StageLaunchConfig): Record<SnapshotKind, unknown> {
  const { splitCursor: _c, testSplitCursor: _t, heldBy: _h, ...stage } = cfg.stage;
  return {
    stage: {
      ...stage,
      completion_pct: cfg.stage.completionPct,
      campaign: { id: cfg.campaign.id, name: cfg.campaign.name, keywords: cfg.campaign.keywords },
    },
    job_type: cfg.jobType,
    login_setup: cfg.loginSetup,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Differences between two snapshot contents, in path order. */
export function diffContents(then: unknown, now: unknown, prefix = ''): ConfigChange[] {
  if (isObject(then) && isObject(now)) {
    const keys = [...new Set([...Object.keys(then), ...Object.keys(now)])].sort();
    return keys.flatMap((k) => diffContents(then[k], now[k], prefix ? `${prefix}.${k}` : k));
  }
  const a = text(then);
  const b = text(now);
  return a === b ? [] : [{ path: prefix || '(whole)', then: a, now: b }];
}
