import { spawn } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../../bin/poms.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  /** True once the process has exited. */
  readonly done: boolean;
  result: Promise<CliResult>;
}

/**
 * The real `poms` command as a user runs it (`node bin/poms.js …`), with HOME set to `home` so that
 * its saved login lives there, and no POMS_* variables from the test's environment.
 */
export function startCli(home: string, args: string[], cwd = home): RunningCli {
  const env: NodeJS.ProcessEnv = { HOME: home, PATH: process.env.PATH, LANG: 'C.UTF-8', TZ: 'UTC' };
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const state = { done: false };
  const result = new Promise<CliResult>((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      state.done = true;
      ok({ code, stdout, stderr });
    });
  });
  return {
    get done() {
      return state.done;
    },
    result,
  };
}

export const runCli = (home: string, args: string[], cwd?: string) => startCli(home, args, cwd).result;
