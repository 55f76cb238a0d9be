import { all, last, parseCli } from './cli-args.js';

/** What the simulated `fife_launch` reads from its command line. */
export interface FifeLaunchArgs {
  config?: string;
  /** `-O section.key=value` overrides, last one wins. */
  overrides: Map<string, string>;
  stage?: string;
  dryRun: boolean;
}

const VALUED = {
  '-c': 'config',
  '--config': 'config',
  '-O': 'override',
  '--override': 'override',
  '--stage': 'stage',
};

export function parseFifeLaunchArgs(argv: readonly string[]): FifeLaunchArgs {
  const p = parseCli(argv, { valued: VALUED });
  const overrides = new Map<string, string>();
  for (const o of all(p, 'override')) {
    const eq = o.indexOf('=');
    if (eq > 0) overrides.set(o.slice(0, eq), o.slice(eq + 1));
  }
  return {
    config: last(p, 'config'),
    overrides,
    stage: last(p, 'stage'),
    dryRun: p.flags.has('--dry_run') || p.flags.has('--dry-run'),
  };
}

/** A dataset value meaning "no input" (a generator stage). */
export const isNoDataset = (ds: string | undefined) => !ds || /^(none|null)$/i.test(ds.trim());

/** `YYYYmmddHHMMSS` in UTC, as fife_launch stamps project names. */
export function projectStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
