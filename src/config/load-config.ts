import fs from 'node:fs';
import ini from 'ini';
import type * as z from 'zod';
import { commentCharacterProblems } from './comment-characters.js';
import { configSchema, configSections, type Config } from './config-schema.js';
import { exposureProblems } from './exposure.js';
import { workerProblems } from './workers.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Raw = Record<string, Record<string, unknown>>;

function section(raw: Raw, name: string): Record<string, unknown> {
  raw[name] ??= {};
  return raw[name];
}

/** POMS_<SECTION>_<KEY>=value overrides [section] key; PORT and DATABASE_URL are the conventional names. */
function applyEnv(raw: Raw, env: NodeJS.ProcessEnv, sections: readonly string[]): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.startsWith('POMS_') || name === 'POMS_CONFIG') continue;
    const rest = name.slice(5).toLowerCase();
    const sec = sections.find((s) => rest.startsWith(`${s}_`));
    if (sec) section(raw, sec)[rest.slice(sec.length + 1)] = value;
  }
  if (env.PORT) section(raw, 'server').port = env.PORT;
  if (env.DATABASE_URL !== undefined) section(raw, 'database').url = env.DATABASE_URL;
}

/**
 * Reads the ini file named by POMS_CONFIG (or ./poms.ini when present), applies environment overrides,
 * validates once and freezes. Every problem is reported, not only the first.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Raw = {}): Readonly<Config> {
  const raw: Raw = {};
  const file = env.POMS_CONFIG ?? (fs.existsSync('poms.ini') ? 'poms.ini' : undefined);
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError([`config file ${file}: ${(e as Error).message}`]);
    }
    const cut = commentCharacterProblems(text, file);
    if (cut.length) throw new ConfigError(cut);
    for (const [k, v] of Object.entries(ini.parse(text))) {
      if (v && typeof v === 'object') Object.assign(section(raw, k), v);
      else throw new ConfigError([`config file ${file}: key "${k}" is outside any [section]`]);
    }
  }
  const sections = Object.keys(configSections) as (keyof typeof configSections)[];
  applyEnv(raw, env, sections);
  for (const [k, v] of Object.entries(overrides)) Object.assign(section(raw, k), v);

  const problems: string[] = [];
  for (const k of Object.keys(raw))
    if (!(sections as string[]).includes(k)) problems.push(`unknown section [${k}]`);
  for (const s of sections) {
    const known = Object.keys(configSections[s].shape);
    // `[section.name]` subsections (ini nests them) are allowed where the schema has a catchall.
    const nests = !!(configSections[s] as z.ZodObject).def.catchall;
    for (const [key, value] of Object.entries(raw[s] ?? {}))
      if (!known.includes(key) && !(nests && value && typeof value === 'object'))
        problems.push(`[${s}] ${key}: unknown setting`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [sec, key, sub] = issue.path.map(String);
      if (issue.code === 'unrecognized_keys' && key !== undefined) {
        for (const k of issue.keys) problems.push(`[${sec}.${key}] ${k}: unknown setting`);
        continue;
      }
      if (sub !== undefined) {
        problems.push(`[${sec}.${key}] ${sub}: ${issue.message}`);
        continue;
      }
      const envName = `POMS_${sec}_${key ?? ''}`.toUpperCase();
      problems.push(`[${sec}] ${key ?? ''}: ${issue.message} (ini key or ${envName})`);
    }
  }
  if (parsed.success) problems.push(...exposureProblems(parsed.data), ...workerProblems(parsed.data));
  if (problems.length) throw new ConfigError(problems);
  return deepFreeze(parsed.data!);
}

function deepFreeze<T>(o: T): Readonly<T> {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
