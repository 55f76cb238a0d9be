import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../../../../src/adapters/adapter-error.js';
import { LocalShell } from '../../../../src/adapters/ssh/index.js';

const at = { host: 'localhost', account: 'poms' };
const dir = mkdtempSync(join(tmpdir(), 'local-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Running, not a zombie (a container's init may never reap the orphans we kill). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('LocalShell', () => {
  it('feeds the script to bash -s and reports exit code and interleaved output', async () => {
    const r = await new LocalShell().run(at, 'echo out\necho err >&2\nexit 3\n');
    expect(r.exitCode).toBe(3);
    expect(r.output.split('\n').sort()).toEqual(['', 'err', 'out']);
  });

  it('streams output while the script runs', async () => {
    const chunks: string[] = [];
    let sawFirstEarly = false;
    const r = await new LocalShell().run(at, 'echo first\nsleep 0.3\necho second\n', {
      onOutput: (c) => {
        chunks.push(c);
        if (c.includes('first') && !chunks.join('').includes('second')) sawFirstEarly = true;
      },
    });
    expect(sawFirstEarly).toBe(true);
    expect(chunks.join('')).toBe('first\nsecond\n');
    expect(r.output).toBe('first\nsecond\n');
  });

  it('keeps multi-byte characters whole across chunks', async () => {
    const r = await new LocalShell().run(at, "printf '\\xc3'; sleep 0.1; printf '\\xa9\\n'\n");
    expect(r.output).toBe('é\n');
  });

  it('kills the whole process group on timeout', async () => {
    const pidFile = join(dir, 'child.pid');
    const e = await new LocalShell()
      .run(at, `echo started\nsleep 30 &\necho $! > ${pidFile}\nwait\n`, { timeoutMs: 1000 })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).kind).toBe('timeout');
    expect((e as AdapterError).raw).toBe('started\n');
    const child = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(child)).toBe(false);
  });

  it('stops on abort and rejects with the reason', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('shutting down')), 100);
    await expect(new LocalShell().run(at, 'sleep 30\n', { signal: ac.signal })).rejects.toThrow(
      'shutting down',
    );
  });

  it('reports death by signal as 128 + n', async () => {
    const r = await new LocalShell().run(at, 'kill -TERM $$\n');
    expect([r.exitCode, r.signal]).toEqual([143, 'TERM']);
  });

  it('kill(target, pid) kills the process group of a script by its $$', async () => {
    const shell = new LocalShell();
    let pid = 0;
    const running = shell.run(at, 'echo "== process_id: $$ =="\nsleep 30\necho never\n', {
      onOutput: (c) => {
        pid = Number(/process_id: (\d+)/.exec(c)?.[1] ?? pid);
      },
    });
    while (!pid) await new Promise((r) => setTimeout(r, 20));
    const k = await shell.kill(at, pid);
    expect(k.exitCode).toBe(0);
    const r = await running;
    expect([r.exitCode, r.output]).toEqual([137, `== process_id: ${pid} ==\n`]);
    expect(() => shell.kill(at, 1)).toThrow(RangeError);
  });

  it('puts the PATH prefix first and exports the environment', async () => {
    writeFileSync(join(dir, 'jobsub_q'), '#!/bin/sh\necho "shim $POMS_SIM_URL"\n');
    chmodSync(join(dir, 'jobsub_q'), 0o755);
    const shell = new LocalShell({ pathPrefix: [dir], env: { POMS_SIM_URL: "http://x/ 'q'" } });
    expect((await shell.run(at, 'jobsub_q\n')).output).toBe("shim http://x/ 'q'\n");
    expect(() => new LocalShell({ env: { 'A-B': '1' } }).run(at, 'true')).toThrow(RangeError);
  });

  it('cuts the kept output at the limit but streams all of it', async () => {
    let streamed = 0;
    const r = await new LocalShell({ maxOutputChars: 10 }).run(at, 'seq 1 100\n', {
      onOutput: (c) => (streamed += c.length),
    });
    expect([r.output.length, r.truncated, streamed]).toEqual([10, true, 292]);
    expect(existsSync(dir)).toBe(true);
  });
});
