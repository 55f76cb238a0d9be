import { rateBucketStore } from '../db/stores/rate-bucket-store.js';
import type { Config } from '../config/config-schema.js';
import type { Services } from '../services/services.js';
import { collectFailures } from '../services/failures/collect-failures.js';
import { maintainActiveStageDefinitions } from '../services/housekeeping/active-stage-definitions.js';
import { cleanLaunchSandboxes } from '../services/housekeeping/launch-sandboxes.js';
import { markStaleCampaignsInactive } from '../services/housekeeping/stale-campaigns.js';
import { pollLens } from '../services/tracking/lens-poller.js';
import { wrapUp } from '../services/tracking/wrapup.js';
import type { LoopRegistry } from './loop-registry.js';

/** A loop's period from its setting in seconds, with jitter of a tenth of it up to `maxJitterMs`. */
function every(seconds: number, maxJitterMs: number) {
  return { intervalMs: seconds * 1000, jitterMs: Math.min(maxJitterMs, seconds * 100) };
}

/** The background loops of one app process; the registry shares them between processes. */
export function registerLoops(registry: LoopRegistry, services: Services, config: Readonly<Config>): void {
  const t = services.tracking;
  if (t) {
    registry.register({
      name: 'lens-poller',
      ...every(config.loops.lens_poll_s, 10_000),
      run: ({ signal }) => pollLens(t, signal),
    });
    registry.register({
      name: 'wrapup',
      ...every(config.loops.wrapup_s, 5_000),
      run: ({ signal }) => wrapUp(t, signal),
    });
    registry.register({
      name: 'failure-causes',
      ...every(config.loops.failure_causes_s, 10_000),
      run: ({ signal }) => collectFailures(t, signal),
    });
    registry.register({
      name: 'stage-active-definitions',
      intervalMs: Math.min(config.housekeeping.interval_s, config.loops.wrapup_s * 10) * 1000,
      jitterMs: 10_000,
      run: ({ signal }) => maintainActiveStageDefinitions(t, signal),
    });
  }
  const sync = services.registry;
  if (sync)
    registry.register({
      name: 'registry-sync',
      ...every(config.registry.sync_s, 60_000),
      run: async ({ signal }) => (await sync.run('loop', signal)).summary,
    });
  registry.register({
    name: 'notify-delivery',
    ...every(config.notify.delivery_interval_s, 2_000),
    run: ({ signal }) => services.notify.delivery.run(signal),
  });
  const hk = config.housekeeping;
  registry.register({
    name: 'stale-campaigns',
    intervalMs: hk.interval_s * 1000,
    jitterMs: 60_000,
    run: ({ signal }) => markStaleCampaignsInactive(services.db, hk.stale_campaign_days, { signal }),
  });
  registry.register({
    name: 'launch-sandboxes',
    intervalMs: hk.interval_s * 1000,
    jitterMs: 60_000,
    run: ({ signal }) =>
      cleanLaunchSandboxes(
        { db: services.db, shell: services.fife.shell },
        { dir: config.credentials.remote_dir, maxAgeMs: hk.sandbox_max_age_s * 1000 },
        signal,
      ),
  });
  registry.register({
    name: 'notify-watch',
    intervalMs: 60_000,
    jitterMs: 5_000,
    run: ({ signal }) => services.notify.watch.run(signal),
  });
  registry.register({
    name: 'session-prune',
    intervalMs: 3600_000,
    run: async ({ signal }) => {
      signal.throwIfAborted();
      // Counted from the returned rows: PGlite's driver answers a bare delete with a result object.
      const gone = await services.db('sessions').where('expires_at', '<=', new Date()).delete('sid');
      signal.throwIfAborted();
      // A bucket idle for an hour is full again at any configured rate ≥ burst / 3600 per second.
      const buckets = await rateBucketStore(services.db).prune(3600_000);
      return `${gone.length} expired session(s) removed, ${buckets} idle rate bucket(s)`;
    },
  });
}
