import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../../../src/adapters/adapter-error.js';
import type { RemoteShell, ShellTarget } from '../../../../src/adapters/ssh/index.js';

export interface RemoteShellEnv {
  shell: RemoteShell;
  target: ShellTarget;
  /**
   * Exit status of a script killed by SIGKILL: 137 (128 + 9) where the transport learns the
   * signal; the OpenSSH client ignores the server's exit-signal message and exits 255.
   */
  killedStatus?: number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What every RemoteShell promises (remote-shell.ts), whatever the transport. `make` is called in
 * each test, after the suite's hooks have run.
 */
export function describeRemoteShellContract(name: string, make: () => RemoteShellEnv): void {
  describe(`RemoteShell contract: ${name}`, () => {
    it('runs the script in bash fed on stdin and reports exit status and output', async () => {
      const { shell, target } = make();
      const script = [
        'set -u',
        'x=$((6 * 7))',
        'echo "bash $x ${BASH_VERSION%%.*}"',
        'echo to-stderr >&2',
        'exit 5',
        '',
      ];
      const r = await shell.run(target, script.join('\n'));
      expect(r.exitCode).toBe(5);
      expect(r.output).toMatch(/^bash 42 \d+\n/m);
      expect(r.output).toContain('to-stderr\n');
    });

    it('carries a long script with every kind of quote intact', async () => {
      const { shell, target } = make();
      const lines = Array.from({ length: 2000 }, (_, i) => `printf '%s\\n' 'l${i} "q" $HOME \`x\`'`);
      const r = await shell.run(target, `${lines.join('\n')}\n`);
      expect(r.exitCode).toBe(0);
      const out = r.output.trimEnd().split('\n');
      expect(out).toHaveLength(2000);
      expect(out[1999]).toBe('l1999 "q" $HOME `x`');
    });

    it('streams output as it is produced', async () => {
      const { shell, target } = make();
      const seen: Array<[string, number]> = [];
      const t0 = Date.now();
      await shell.run(target, 'echo one\nsleep 0.5\necho two\n', {
        onOutput: (c) => seen.push([c, Date.now() - t0]),
      });
      const one = seen.find(([c]) => c.includes('one'));
      const two = seen.find(([c]) => c.includes('two'));
      expect(one && two && two[1] - one[1]).toBeGreaterThanOrEqual(300);
    });

    it('gives the script a $$ that leads its process group, so kill stops it and its children', async () => {
      const { shell, target, killedStatus = 137 } = make();
      let pid = 0;
      const running = shell.run(
        target,
        'echo "== process_id: $$ =="\nsleep 60 & sleep 60\necho "== completed: $$ =="\n',
        {
          onOutput: (c) => (pid ||= Number(/== process_id: (\d+) ==/.exec(c)?.[1] ?? 0)),
        },
      );
      while (!pid) await wait(20);
      expect((await shell.kill(target, pid)).exitCode).toBe(0);
      const r = await running;
      expect(r.exitCode).toBe(killedStatus);
      expect(r.output).not.toContain('completed');
      // Live members of the group (killed orphans may linger as zombies where init does not reap).
      const check = await shell.run(
        target,
        `ps -e -o pgid=,stat= | awk '$1 == ${pid} && $2 !~ /^Z/' | wc -l\n`,
      );
      expect(check.output.trim()).toBe('0');
    });

    it('fails with timeout when the script runs too long', async () => {
      const { shell, target } = make();
      const t0 = Date.now();
      const e = await shell
        .run(target, 'echo waiting\nsleep 30\n', { timeoutMs: 700 })
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AdapterError);
      expect((e as AdapterError).kind).toBe('timeout');
      expect(Date.now() - t0).toBeLessThan(10_000);
    });

    it('stops when aborted', async () => {
      const { shell, target } = make();
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error('stop now')), 500);
      await expect(shell.run(target, 'sleep 30\n', { signal: ac.signal })).rejects.toThrow('stop now');
    });
  });
}
