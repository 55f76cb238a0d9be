import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs the real entry point (what `npm start` runs) as a child process.
function start(env: Record<string, string>, waitFor: RegExp, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; output: string; stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${waitFor} within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (waitFor.test(output)) {
        clearTimeout(timer);
        resolve({ code: null, output, stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, stop: () => {} });
    });
  });
}

describe('start-up', () => {
  it('serves the sign-in page with no database configured (embedded PGlite, demo users)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-start-'));
    const r = await start(
      {
        POMS_SERVER_PORT: '0',
        POMS_DATABASE_EMBEDDED_DIR: path.join(dir, 'pglite'),
        POMS_SIM_STATE_DIR: path.join(dir, 'sim'),
      },
      /POMS listening on http:\/\/127\.0\.0\.1:(\d+)/,
    );
    try {
      const port = r.output.match(/POMS listening on http:\/\/127\.0\.0\.1:(\d+)/)![1];
      const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
      expect(page.status).toBe(200);
      const html = await page.text();
      for (const u of ['admin', 'superuser', 'producer', 'shifter', 'analyst'])
        expect(html).toContain(`value="${u}"`);
    } finally {
      r.stop();
    }
  });

  it('stops on a malformed config value, naming it', async () => {
    const r = await start({ POMS_SERVER_PORT: 'eighty', POMS_AUTH_MODE: 'nobody' }, /$^/);
    expect(r.code).toBe(2);
    expect(r.output).toContain(
      '[server] port: Invalid input: expected number, received NaN (ini key or POMS_SERVER_PORT)',
    );
    expect(r.output).toContain('[auth] mode:');
  });

  it('stops when DATABASE_URL cannot be reached, naming it', async () => {
    const r = await start(
      { POMS_SERVER_PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere' },
      /$^/,
    );
    expect(r.code).toBe(3);
    expect(r.output).toMatch(
      /POMS cannot start: cannot reach the database postgres:\/\/nobody@127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/,
    );
  });

  // Issue 12 finding 4: a fresh start is reachable from this machine only, and says so.
  it('listens on loopback only by default and says who can sign in, in one line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-start-'));
    const r = await start(
      {
        POMS_SERVER_PORT: '0',
        POMS_DATABASE_EMBEDDED_DIR: path.join(dir, 'pglite'),
        POMS_SIM_STATE_DIR: path.join(dir, 'sim'),
        POMS_LOOPS_ENABLED: 'false',
      },
      /POMS listening on .*\n/,
    );
    try {
      const lines = r.output.split('\n').filter((l) => l.startsWith('POMS listening'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^POMS listening on http:\/\/127\.0\.0\.1:\d+ \(loopback only\); auth mode dev: anyone on this machine can sign in as any user, root included/,
      );
      const port = Number(/:(\d+) /.exec(lines[0])![1]);
      // Every address of this machine that is not loopback refuses the connection.
      const outside = Object.values(os.networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal && a.family === 'IPv4')
        .map((a) => a!.address);
      for (const addr of [...outside, '127.0.0.1'])
        expect(
          await new Promise((ok) => {
            const s = net.connect(port, addr, () => (s.destroy(), ok('open')));
            s.on('error', () => ok('refused'));
          }),
        ).toBe(addr === '127.0.0.1' ? 'open' : 'refused');
    } finally {
      r.stop();
    }
  });

  it('refuses a public bind in dev mode, naming what to set', async () => {
    const r = await start({ POMS_SERVER_PORT: '0', POMS_SERVER_HOST: '0.0.0.0' }, /$^/);
    expect(r.code).toBe(2);
    expect(r.output).toContain(
      '[server] host: 0.0.0.0 is reachable from other machines, and [auth] mode = dev lets anyone who reaches it sign in as any user (root included): set [auth] mode = header',
    );
    expect(r.output).toContain('[server] session_secret: the built-in default');
  });

  it('refuses header mode without trusted proxies or with the default secret', async () => {
    const r = await start({ POMS_SERVER_PORT: '0', POMS_AUTH_MODE: 'header' }, /$^/);
    expect(r.code).toBe(2);
    expect(r.output).toContain('[auth] trusted_proxies: required in header mode');
    expect(r.output).toContain('[server] session_secret: ');
  });

  it('starts in header mode on a public address when the proxy and a secret are configured', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-start-'));
    const r = await start(
      {
        POMS_SERVER_PORT: '0',
        POMS_SERVER_HOST: '0.0.0.0',
        POMS_SERVER_SESSION_SECRET: 'x'.repeat(48),
        POMS_AUTH_MODE: 'header',
        POMS_AUTH_TRUSTED_PROXIES: '127.0.0.1',
        POMS_DATABASE_EMBEDDED_DIR: path.join(dir, 'pglite'),
        POMS_SIM_STATE_DIR: path.join(dir, 'sim'),
        POMS_LOOPS_ENABLED: 'false',
      },
      /POMS listening on .*\n/,
    );
    try {
      expect(r.output).toMatch(
        /POMS listening on http:\/\/0\.0\.0\.0:\d+ \(reachable from other machines\); auth mode header: users are who the sign-on proxy \(127\.0\.0\.1\) names in X-Remote-User/,
      );
    } finally {
      r.stop();
    }
  });
});
