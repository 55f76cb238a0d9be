import type { Knex } from 'knex';
import type { RemoteShell, ShellTarget } from '../../adapters/ssh/remote-shell.js';
import { describeTarget } from '../../adapters/ssh/remote-shell.js';
import { parseLaunchHost } from '../../domain/launch/launch-host.js';
import { exportLines } from '../../lib/remote-script/index.js';

/**
 * The script that removes this account's launch sandboxes (`<dir>/poms_<32 hex>`, made by the
 * credential plan and normally removed by the launch itself) older than `minutes`: left behind
 * when a launch was killed or POMS died mid-launch, with credentials inside. Prints each removed.
 */
export function sandboxCleanupScript(dir: string, minutes: number): string {
  return [
    ...exportLines([
      ['POMS_SANDBOX_DIR', dir],
      ['POMS_SANDBOX_MIN', String(Math.max(1, Math.floor(minutes)))],
    ]),
    '[ -d "$POMS_SANDBOX_DIR" ] || exit 0',
    `find "$POMS_SANDBOX_DIR" -mindepth 1 -maxdepth 1 -type d -name 'poms_${'[0-9a-f]'.repeat(32)}' -user "$(id -un)" -mmin +"$POMS_SANDBOX_MIN" -print -exec rm -rf {} +`,
    '',
  ].join('\n');
}

/**
 * The original's cron/clean_sandboxes (which removed nothing): on the launch host of every active
 * login setup, as its account, removes launch sandboxes older than `maxAgeMs`. A host that cannot
 * be reached is reported and tried again on the next pass.
 */
export async function cleanLaunchSandboxes(
  deps: { db: Knex; shell: RemoteShell },
  o: { dir: string; maxAgeMs: number },
  signal?: AbortSignal,
): Promise<string> {
  const setups: Array<{ launch_host: string; launch_account: string }> = await deps
    .db('login_setups')
    .where('active', true)
    .distinct('launch_host', 'launch_account');
  const targets = new Map<string, ShellTarget>();
  for (const s of setups) {
    const t = { ...parseLaunchHost(s.launch_host), account: s.launch_account };
    targets.set(describeTarget(t), t);
  }
  let removed = 0;
  const errors: string[] = [];
  for (const [name, t] of targets) {
    signal?.throwIfAborted();
    try {
      const r = await deps.shell.run(t, sandboxCleanupScript(o.dir, o.maxAgeMs / 60_000), {
        timeoutMs: 120_000,
        signal,
      });
      if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.output.trim().slice(0, 200)}`);
      removed += r.output.split('\n').filter((l) => l.includes('/poms_')).length;
    } catch (e) {
      errors.push(`${name}: ${(e as Error).message}`);
    }
  }
  const summary = `${targets.size} launch host account(s), ${removed} stale sandbox(es) removed${errors.length ? `, ${errors.length} failed (${errors[0]})` : ''}`;
  if (errors.length === targets.size && errors.length) throw new Error(summary);
  return summary;
}
