import { shellQuote } from '../../lib/shell-quote.js';

export interface ScriptEnvironment {
  /** Directories put first on PATH, in this order (e.g. the simulator's jobsub shims). */
  pathPrefix?: readonly string[];
  /** Variables exported before the script runs (e.g. POMS_SIM_URL for the shims). */
  env?: Readonly<Record<string, string>>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `script` preceded by `export` lines for `env` and the PATH prefix. Done in the script rather than
 * in the process environment so that it works the same locally and over SSH (where sshd only passes
 * variables named in AcceptEnv). Values are shell-quoted; a bad variable name throws RangeError.
 */
export function withPreamble(script: string, e: ScriptEnvironment = {}): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(e.env ?? {})) {
    if (!NAME.test(name)) throw new RangeError(`bad environment variable name: ${JSON.stringify(name)}`);
    lines.push(`export ${name}=${shellQuote(value)}`);
  }
  if (e.pathPrefix?.length) lines.push(`export PATH=${shellQuote(e.pathPrefix.join(':'))}:"$PATH"`);
  return lines.length ? `${lines.join('\n')}\n${script}` : script;
}
