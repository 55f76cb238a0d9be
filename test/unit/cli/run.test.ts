import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../../src/cli/exit-codes.js';
import { run } from '../../../src/cli/run.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

/** A stub of the API: answers each GET of a submission summary with the next status. */
function stubSummaries(statuses: string[]) {
  let i = 0;
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${url} ${(init.headers as Record<string, string>).authorization}`);
    const status = statuses[Math.min(i++, statuses.length - 1)];
    return new Response(
      JSON.stringify({ submission_id: 7, status, jobsub_job_id: '1@s', jobs_total: null }),
      { status: 200 },
    );
  });
  return calls;
}

const env = { HOME: '/nonexistent', POMS_URL: 'http://poms.example/', POMS_TOKEN: 'poms_x', PATH: '' };

describe('poms run', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('prints the help with the exit codes; no command is a usage error', async () => {
    const c = capture();
    expect(await run(['--help'], c.io, env)).toBe(EXIT.ok);
    expect(c.out[0]).toMatch(/Exit codes:/);
    expect(c.out[0]).toMatch(/10 {2}wait: Failed/);
    expect(await run([], capture().io, env)).toBe(EXIT.usage);
  });

  it('without a login, says how to log in (exit 3)', async () => {
    const c = capture();
    expect(await run(['campaign', 'list'], c.io, { HOME: '/nonexistent' })).toBe(EXIT.unauthenticated);
    expect(c.err[0]).toMatch(/not logged in: run "poms login/);
  });

  it('submission wait: prints each change, ends with the outcome’s exit code', async () => {
    const cases: Array<[string[], number]> = [
      [['New', 'Idle', 'Idle', 'Running', 'Completed', 'Located'], EXIT.ok],
      [['Running', 'Failed'], EXIT.failed],
      [['New', 'LaunchFailed'], EXIT.launchFailed],
      [['Running', 'Removed'], EXIT.removed],
      [['Held', 'Cancelled'], EXIT.cancelled],
    ];
    for (const [statuses, code] of cases) {
      const calls = stubSummaries(statuses);
      const c = capture();
      const sleep = vi.fn(async () => {});
      expect(
        await run(['submission', 'wait', '7', '-e', 'samdev', '--interval', '1'], c.io, env, sleep),
      ).toBe(code);
      expect(c.err.map((l) => l.split(': ')[1].split(' ')[0])).toEqual([...new Set(statuses)]);
      expect(c.out).toEqual([`submission 7: ${statuses.at(-1)}`]);
      expect(calls[0]).toBe(
        'GET http://poms.example/api/v1/experiments/samdev/submissions/7/summary Bearer poms_x',
      );
      expect(sleep).toHaveBeenCalledWith(1000);
    }
  });

  it('submission wait --until completed stops at Completed; --timeout gives up with exit 15', async () => {
    stubSummaries(['Running', 'Completed', 'Located']);
    expect(
      await run(
        ['submission', 'wait', '7', '-e', 'x', '--until', 'completed', '--interval', '1'],
        capture().io,
        env,
        async () => {},
      ),
    ).toBe(EXIT.ok);
    stubSummaries(['Running']);
    const c = capture();
    expect(
      await run(
        ['submission', 'wait', '7', '-e', 'x', '--interval', '1', '--timeout', '0.5'],
        c.io,
        env,
        async () => {},
      ),
    ).toBe(EXIT.timeout);
    expect(c.out[0]).toMatch(/still Running/);
  });

  it('a refused request exits with the code of its status and the server’s message', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'forbidden',
              message: 'analysis users may not',
              details: [{ field: 'role', message: 'too low' }],
            },
          }),
          { status: 403 },
        ),
    );
    const c = capture();
    expect(await run(['stage', 'hold', '12', '-e', 'samdev'], c.io, env)).toBe(EXIT.forbidden);
    expect(c.err[0]).toBe('poms: analysis users may not\n  - role: too low');
  });

  it('login writes the config file with mode 0600 after checking the token', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-unit-'));
    try {
      vi.stubGlobal(
        'fetch',
        async () =>
          new Response(JSON.stringify({ username: 'u', experiment: 'e', role: 'analysis', token: null }), {
            status: 200,
          }),
      );
      const c = capture();
      expect(
        await run(['login', '--url', 'http://p.example', '--token', 'poms_y'], c.io, { HOME: home }),
      ).toBe(EXIT.ok);
      const file = path.join(home, '.config', 'poms', 'config.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ url: 'http://p.example', token: 'poms_y' });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
