import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

// Where `poms login` keeps the URL and token: ~/.config/poms/config.json, readable by its owner
// only (0600, directory 0700). POMS_URL and POMS_TOKEN in the environment win over the file.

export interface CliConfig {
  url: string;
  token: string;
  /** Default experiment for commands (else the token's, else the user's current one). */
  experiment?: string;
}

export const configPath = (env: NodeJS.ProcessEnv) =>
  path.join(env.HOME ?? '.', '.config', 'poms', 'config.json');

export function readConfig(env: NodeJS.ProcessEnv): Partial<CliConfig> {
  const file = configPath(env);
  let stored: Partial<CliConfig> = {};
  if (fs.existsSync(file)) {
    try {
      stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CliConfig>;
    } catch (e) {
      throw new CliError(`cannot read ${file}: ${(e as Error).message}; run "poms login" again`);
    }
  }
  return {
    ...stored,
    ...(env.POMS_URL ? { url: env.POMS_URL } : {}),
    ...(env.POMS_TOKEN ? { token: env.POMS_TOKEN } : {}),
  };
}

/** The URL and token, or exit 3 telling how to log in. */
export function requireLogin(env: NodeJS.ProcessEnv): CliConfig {
  const c = readConfig(env);
  if (!c.url || !c.token)
    throw new CliError(
      'not logged in: run "poms login --url <POMS URL> --token <API token>"',
      EXIT.unauthenticated,
    );
  return c as CliConfig;
}

export function writeConfig(env: NodeJS.ProcessEnv, c: CliConfig): string {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // an existing file keeps its mode on write
  return file;
}
