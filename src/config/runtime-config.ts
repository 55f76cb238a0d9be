import * as z from 'zod';
import { bool, port, seconds } from './config-values.js';

// What runs inside the process besides the web server: the simulator, the background loops and
// their housekeeping, and the demo data.

export const simSection = z.object({
  enabled: bool.default(true),
  port: port.default(0),
  speed: z.coerce.number().positive().default(60),
  seed: z.coerce.number().int().default(42),
  state_dir: z.string().default('./var/sim'),
});

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'is not a time zone (an IANA name such as UTC or America/Chicago)');

export const loopsSection = z.object({
  enabled: bool.default(true),
  /** A loop's lease: another process takes a loop over within this long of its holder dying. */
  lease_s: seconds.default(120),
  /** Each process writes its heartbeat row this often; one not seen for 3 beats is shown as gone. */
  heartbeat_s: seconds.default(15),
  /** The IANA time zone stage cron schedules run in (shown beside each schedule). */
  cron_timezone: timeZone.default('UTC'),
  lens_poll_s: seconds.default(120),
  // Lens failing this long: the poller reads job states with jobsub_q until Lens answers again.
  lens_fallback_after_s: seconds.default(600),
  wrapup_s: seconds.default(60),
  launch_failed_after_s: seconds.default(4 * 3600),
  located_max_wait_s: seconds.default(2 * 86400),
  // Failure causes: Held submissions' hold reasons and finished submissions' failures (job logs).
  failure_causes_s: seconds.default(300),
});

// Housekeeping loops (issue 18): stale campaigns, files-in-flight definitions, launch sandboxes.
export const housekeepingSection = z.object({
  /** Pause between passes of each housekeeping loop. */
  interval_s: seconds.default(3600),
  /** Campaigns with no submission (nor edit) for this many days become inactive; 0 = never. */
  stale_campaign_days: z.coerce.number().int().min(0).default(7),
  /** Launch sandboxes ([credentials] remote_dir/poms_*) older than this are removed. */
  sandbox_max_age_s: seconds.default(6 * 3600),
});

// Demo experiment and users: by default only with the embedded database.
export const demoSection = z.object({ seed: bool.optional() });
