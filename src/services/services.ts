import crypto from 'node:crypto';
import type { Knex } from 'knex';
import pino, { type Logger } from 'pino';
import { LocalShell } from '../adapters/ssh/local-shell.js';
import type { Config } from '../config/config-schema.js';
import { campaignServices } from './campaigns/campaign-services.js';
import { failureService } from './failures/failure-service.js';
import { autoRecoveryService } from './housekeeping/auto-recovery-service.js';
import { experimentService } from './experiment-service.js';
import { dataHandlingFor } from './data/data-handling-for.js';
import { samDataHandling } from './data/sam/sam-data-handling.js';
import { metacatHandling } from './data/metacat/metacat-handling.js';
import { MetacatDataHandling } from './data/metacat-data-handling.js';
import { ddLaunchPort } from './data/metacat/dd-launch-port.js';
import { emptySplitSam, type FifeAdapters } from './fife-adapters.js';
import { ExternalCalls } from './external-calls.js';
import { createMetrics } from './metrics.js';
import { observeFife } from './fife/observe-fife.js';
import { HEALTH_SERVICE_OF, healthService, samAttributionHealth, samHealth } from './health-service.js';
import { identityService } from './identity-service.js';
import { labTokenService } from './identity/lab-token-service.js';
import { oidcSignIn } from './identity/oidc-sign-in.js';
import { registryReport } from './identity/registry-report.js';
import { registrySync } from './identity/registry-sync.js';
import { holdService } from './launch/hold-service.js';
import { hostSessions } from './launch/host-session.js';
import { launchActions } from './launch/launch-actions.js';
import { LaunchRunner } from './launch/launch-runner.js';
import { launchService } from './launch/launch-service.js';
import { scheduleService } from './launch/schedule-service.js';
import { AppError } from '../lib/errors.js';
import { loopStore } from '../db/stores/loop-store.js';
import { CronScheduler } from './launch/cron-scheduler.js';
import { ProcessHeartbeat } from './process-heartbeat.js';
import { LoopRegistry } from '../loops/loop-registry.js';
import { jobActions } from './tracking/job-actions.js';
import { jobLogService } from './tracking/job-logs.js';
import { overviewServices } from './overview/overview-services.js';
import { reportServices } from './reports/report-services.js';
import { stageService } from './campaigns/stage-service.js';
import { tokenService } from './tokens/token-service.js';
import { credentialService } from './credentials/credential-service.js';
import { uploadService } from './uploads/upload-service.js';
import { submissionTokens } from './tokens/submission-token.js';
import { submissionSummaries } from './compat/submission-summaries.js';
import type { TrackingDeps } from './tracking/tracking-deps.js';
import { notifyServices } from './notify/notify-services.js';
import { chainCheckService } from './chain/chain-check-service.js';

export interface ServiceDeps {
  db: Knex;
  config: Readonly<Config>;
  log?: Logger;
  fife?: FifeAdapters;
}

/** Every use case the web layer, the CLI and the loops call; built once in main.ts (or a test). */
export function createServices(deps: ServiceDeps) {
  const { db, config } = deps;
  const log = deps.log ?? pino({ level: 'silent' });
  const calls = new ExternalCalls();
  const fife: FifeAdapters = observeFife(
    deps.fife ?? { shell: new LocalShell(), splitSamFor: () => emptySplitSam },
    calls,
  );
  const runner = new LaunchRunner(db, fife.shell, log.child({ part: 'launch' }), {
    maxConcurrent: config.jobsub.max_concurrent_launches,
    timeoutMs: 30 * 60_000,
  });
  const callbackTokens = submissionTokens(
    config.server.session_secret,
    config.jobsub.callback_token_ttl_s * 1000,
  );
  const uploads = uploadService({
    dir: config.credentials.uploads_dir,
    quotaBytes: config.credentials.uploads_quota_bytes,
  });
  const credentials = credentialService(config, uploads);
  const siteProfile = { beforeSetup: config.site.before_setup, afterSetup: config.site.after_setup };
  const sessionFor = hostSessions({ siteProfile, credentialsFor: credentials.forLaunch });
  const newId = () => crypto.randomUUID().replaceAll('-', '');
  const rucioEra =
    fife.metacat && fife.dataDispatcher && fife.rucio
      ? new MetacatDataHandling(fife.metacat, fife.dataDispatcher, fife.rucio, {
          ...fife.metacatJobSite,
          attributionParam: config.metacat.attribution_param,
        })
      : null;
  const launches = launchService({
    db,
    runner,
    splitSamFor: fife.splitSamFor,
    splitMetacatFor: fife.splitMetacatFor,
    ...(rucioEra ? { dd: ddLaunchPort(rucioEra) } : {}),
    submissionToken: (sid) => callbackTokens.mint(sid),
    callbackUrl: fife.callbackUrl ?? config.server.base_url,
    extraEnv: fife.launchEnv,
    siteProfile,
    credentialsFor: credentials.forLaunch,
    analysisLaunchHosts: config.jobsub.analysis_launch_hosts,
  });
  const health = healthService(
    db,
    {
      ...(fife.sam
        ? { sam: samHealth(db, fife.sam), sam_attribution: samAttributionHealth(db, fife.sam) }
        : {}),
      ...fife.health,
    },
    undefined,
    HEALTH_SERVICE_OF,
  );
  const data = dataHandlingFor(db, {
    ...(fife.sam ? { sam: samDataHandling(db, fife.sam, newId) } : {}),
    ...(rucioEra && fife.metacat && fife.dataDispatcher && fife.rucio
      ? {
          metacat: metacatHandling(db, fife.metacat, rucioEra, newId, {
            dd: fife.dataDispatcher,
            rucio: fife.rucio,
          }),
        }
      : {}),
  });
  const tracking: TrackingDeps | null =
    fife.sam && fife.lens
      ? {
          db,
          sam: fife.sam,
          data,
          lens: fife.lens,
          jobsub: fife.jobsub,
          sessionFor,
          launches,
          log: log.child({ part: 'tracking' }),
          pollIntervalMs: config.loops.lens_poll_s * 1000,
          lensFallbackAfterMs: config.loops.lens_fallback_after_s * 1000,
          launchFailedAfterMs: config.loops.launch_failed_after_s * 1000,
          locatedMaxWaitMs: config.loops.located_max_wait_s * 1000,
        }
      : null;
  const noTracking = () => {
    throw new AppError('unavailable', 'no SAM/Lens/jobsub adapters are configured on this instance');
  };
  const loops = new LoopRegistry(
    loopStore(db),
    log.child({ part: 'loops' }),
    Math.random,
    config.loops.lease_s * 1000,
  );
  const metrics = createMetrics({ db, calls, loops, runner });
  // Started by main.ts (every process, loops on or off); removed at stop.
  const heartbeat = new ProcessHeartbeat(
    db,
    calls,
    loops,
    log.child({ part: 'heartbeat' }),
    config.loops.heartbeat_s * 1000,
  );
  // Started by main.ts when loops are on; runDue answers the admin's replay of a tick either way.
  const scheduler = new CronScheduler(
    db,
    launches,
    log.child({ part: 'scheduler' }),
    loops.runner,
    undefined,
    config.loops.cron_timezone,
  );
  const notify = notifyServices({
    db,
    config,
    log: log.child({ part: 'notify' }),
    owner: loops.runner,
    credentials,
  });
  return {
    db,
    config,
    log,
    loops,
    fife,
    identity: identityService(db),
    /** Lab bearer JWTs; null unless [lab_tokens] issuer is set. */
    labTokens: labTokenService(config),
    /** OIDC sign-in; null unless [auth] mode = oidc. */
    oidc: oidcSignIn(config),
    /** The registry sync and first-sign-in creation; null without a registry ([registry] mode). */
    registry: fife.registry
      ? registrySync(db, fife.registry, {
          experiments: config.registry.experiments,
          createOnSignIn: config.registry.create_on_sign_in,
          log: log.child({ part: 'registry' }),
        })
      : null,
    /** The registry sync's runs and changes, for root. */
    registryReport: registryReport(db, Boolean(fife.registry)),
    tokens: tokenService(db, undefined, callbackTokens),
    uploads,
    credentials,
    submissionSummaries: submissionSummaries(db),
    experiments: experimentService(db),
    failures: failureService(db),
    chainCheck: chainCheckService({
      db,
      sam: fife.sam,
      ...(rucioEra ? { metacat: rucioEra } : {}),
      splitSamFor: fife.splitSamFor,
      splitMetacatFor: fife.splitMetacatFor,
      credentialsFor: credentials.forLaunch,
      now: launches.now,
    }),
    autoRecovery: autoRecoveryService(db),
    ...campaignServices(db),
    ...overviewServices(db, undefined, { stallHours: config.notify.stall_hours }),
    ...reportServices({ db, sam: fife.sam, data, stages: stageService(db), launches }),
    health,
    /** Each external service's last success and error, as this process saw them. */
    calls,
    metrics,
    runner,
    launches,
    launchActions: launchActions(db, launches, runner, fife.shell),
    holds: holdService(db, launches),
    schedules: scheduleService(db),
    scheduler,
    heartbeat,
    tracking,
    notify,
    jobLogs: fife.jobsub
      ? jobLogService(db, fife.jobsub, {
          sessionFor,
          cacheMaxBytes: config.jobsub.log_cache_mb * 1024 * 1024,
        })
      : (new Proxy({}, { get: noTracking }) as ReturnType<typeof jobLogService>),
    jobs:
      fife.jobsub && fife.sam
        ? jobActions(db, fife.jobsub, data, launches, sessionFor)
        : (new Proxy({}, { get: noTracking }) as ReturnType<typeof jobActions>),
    /** Stops background work the services started (running launches). */
    async stop() {
      await scheduler.stop();
      await heartbeat.stop();
      await loops.stop();
      await runner.stop();
      notify.close();
      await fife.shell.close?.();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
