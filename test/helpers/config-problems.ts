import { ConfigError, loadConfig } from '../../src/config/load-config.js';

/** The problems loadConfig reports for an environment (none: the configuration is valid). */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
