import { execFile } from 'node:child_process';
import { AdapterError } from '../adapter-error.js';

export interface KerberosOptions {
  /**
   * Service keytab holding the principal's keys (e.g. /etc/poms/poms.keytab). Without keytab and
   * principal POMS never runs kinit: something else keeps the ccache fresh.
   */
  keytab?: string;
  /** Principal to get a ticket for (e.g. `poms/pomsgpvm01.fnal.gov@FNAL.GOV`). */
  principal?: string;
  /** Credential cache POMS keeps its ticket in: `FILE:/path` or a path. */
  ccache: string;
  /** kinit and klist commands; default from PATH. */
  kinit?: string;
  klist?: string;
  /** Limit on each kinit/klist run, in ms. Default 30 000. */
  timeoutMs?: number;
  /** krb5.conf to use instead of /etc/krb5.conf (KRB5_CONFIG), for kinit, klist and ssh. */
  krb5Config?: string;
}

/** `KRB5CCNAME` for the ccache (a bare path becomes `FILE:<path>`). */
export const ccacheName = (ccache: string): string => (/^[A-Z]+:/.test(ccache) ? ccache : `FILE:${ccache}`);

/** The argv of the kinit that renews POMS's ticket from its keytab (no password, no prompt). */
export function kinitArgs(o: KerberosOptions & { keytab: string; principal: string }): string[] {
  return ['-k', '-t', o.keytab, '-c', ccacheName(o.ccache), o.principal];
}

function run(cmd: string, args: string[], krbEnv: Record<string, string>, timeoutMs: number) {
  return new Promise<{ ok: boolean; text: string }>((resolve) => {
    const env = { ...process.env, ...krbEnv };
    execFile(cmd, args, { timeout: timeoutMs, env }, (err, so, se) =>
      resolve({ ok: !err, text: `${so}${se}`.trim() || (err ? err.message : '') }),
    );
  });
}

/**
 * Keeps a valid ticket in the ccache: `klist -s` says whether one is there and unexpired; if not,
 * `kinit -k -t <keytab> -c <ccache> <principal>`. Concurrent callers share one renewal.
 */
export class KerberosTicket {
  private pending: Promise<void> | null = null;

  constructor(private readonly o: KerberosOptions) {}

  /** The environment ssh needs to use the ticket. */
  get env(): Record<string, string> {
    return {
      KRB5CCNAME: ccacheName(this.o.ccache),
      ...(this.o.krb5Config ? { KRB5_CONFIG: this.o.krb5Config } : {}),
    };
  }

  ensure(): Promise<void> {
    this.pending ??= this.renew().finally(() => (this.pending = null));
    return this.pending;
  }

  private async renew(): Promise<void> {
    const { keytab, principal } = this.o;
    if (!keytab || !principal) return;
    const t = this.o.timeoutMs ?? 30_000;
    const cc = ccacheName(this.o.ccache);
    const valid = await run(this.o.klist ?? 'klist', ['-s', '-c', cc], this.env, t);
    if (valid.ok) return;
    const got = await run(this.o.kinit ?? 'kinit', kinitArgs({ ...this.o, keytab, principal }), this.env, t);
    if (!got.ok)
      throw new AdapterError(
        'rejected',
        'ssh',
        `kinit for ${this.o.principal} from keytab ${this.o.keytab} failed: ${got.text}`,
        { operation: 'kinit' },
      );
  }
}
