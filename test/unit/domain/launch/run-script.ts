import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs a launch script with bash in a scratch directory (which also holds a file, so an unquoted
// glob would visibly expand). Scripts write what they saw into $OUT_DIR.

export interface ScriptRun {
  status: number | null;
  output: string;
  /** NUL-separated words a stand-in wrote to $OUT_DIR/<name>. */
  words(name: string): string[] | undefined;
  /** Variables from `env -0 > $OUT_DIR/env`. */
  env(): Map<string, string>;
  /** Files in the scratch directory after the run. */
  files: string[];
}

export function scratchDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'poms-launch-'));
  writeFileSync(join(dir, 'afile'), '');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runScript(script: string, dir: string, via: 'bash -c' | 'stdin' = 'bash -c'): ScriptRun {
  const r = spawnSync('bash', via === 'stdin' ? ['-s'] : ['-c', script], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, OUT_DIR: dir },
    input: via === 'stdin' ? script : '',
    encoding: 'utf8',
  });
  const read = (name: string) =>
    existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined;
  return {
    status: r.status,
    output: r.stdout,
    words: (name) => read(name)?.split('\0').slice(0, -1),
    env: () =>
      new Map(
        (read('env') ?? '')
          .split('\0')
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      ),
    files: readdirSync(dir).sort(),
  };
}
