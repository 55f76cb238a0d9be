import { spawn } from 'node:child_process';
import fs from 'node:fs';
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
      /POMS listening on http:\/\/localhost:(\d+)/,
    );
    try {
      const port = r.output.match(/POMS listening on http:\/\/localhost:(\d+)/)![1];
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
});
