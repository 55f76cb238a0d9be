import { exportLines } from '../../lib/remote-script/index.js';

export interface ScriptEnvironment {
  /** Directories put first on PATH, in this order (e.g. the simulator's jobsub shims). */
  pathPrefix?: readonly string[];
  /** Variables exported before the script runs (e.g. POMS_SIM_URL for the shims). */
  env?: Readonly<Record<string, string>>;
}

/**
 * `script` preceded by `export` lines for `env` and the PATH prefix. Done in the script rather than
 * in the process environment so that it works the same locally and over SSH (where sshd only passes
 * variables named in AcceptEnv). Values are shell-quoted; a bad variable name throws RangeError.
 */
export function withPreamble(script: string, e: ScriptEnvironment = {}): string {
  const lines = exportLines(Object.entries(e.env ?? {}));
  if (e.pathPrefix?.length)
    lines.push(
      ...exportLines([['POMS_PATH_PREFIX', e.pathPrefix.join(':')]]),
      'export PATH="$POMS_PATH_PREFIX:$PATH"',
    );
  return lines.length ? `${lines.join('\n')}\n${script}` : script;
}
