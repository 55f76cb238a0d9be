import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { killScript } from '../../../../src/adapters/ssh/remote-shell.js';

// Abort kills the launch's process group only when the pid still belongs to the process that
// printed the recorded start time; a reused pid is left alone.
const lstart = (pid: number) =>
  spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
const alive = (pid: number) => spawnSync('kill', ['-0', String(pid)]).status === 0;

let child: ReturnType<typeof spawn> | null = null;
afterEach(() => {
  if (child?.pid && alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
});

describe('killScript with a start time', () => {
  it('leaves a process whose start time differs, kills the one that matches', async () => {
    child = spawn('bash', ['-c', 'sleep 60'], { detached: true, stdio: 'ignore' });
    const pid = child.pid!;
    await new Promise((r) => setTimeout(r, 50));
    const wrong = spawnSync('bash', ['-s'], {
      input: killScript(pid, 'Mon Jan  1 00:00:00 2001'),
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(3);
    expect(wrong.stdout).toContain(`== not killed: process ${pid} is not the launch`);
    expect(alive(pid)).toBe(true);
    const exited = new Promise((r) => child!.once('exit', r));
    const right = spawnSync('bash', ['-s'], { input: killScript(pid, lstart(pid)), encoding: 'utf8' });
    expect(right.status).toBe(0);
    await exited;
  });

  it('quotes the recorded start time like any value', () => {
    expect(killScript(42, "x'; touch /tmp/p; '")).toContain(
      `export POMS_PID_START='x'\\''; touch /tmp/p; '\\'''`,
    );
    expect(killScript(42)).toBe('kill -9 -42\n');
  });
});
