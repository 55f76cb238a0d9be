import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LISTENING = /POMS listening on http:\/\/[\d.]+:(\d+)/;

// `npm start` exactly as a newcomer types it: prestart compiles to dist/ when the build is missing
// or older than the sources, then the compiled entry point serves the demo (views, static files
// and the sample campaigns found from the package root, not from src/).
describe('npm start runs the compiled build', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-compiled-'));
  let child: ReturnType<typeof spawn> | undefined;
  let output = '';
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((ok) => child!.on('exit', ok));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('compiles when needed, starts from dist/ and serves the sign-in page and static files', async () => {
    child = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true, // its own process group: npm, the launcher and the server stop together
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        POMS_SERVER_PORT: '0',
        POMS_DATABASE_EMBEDDED_DIR: path.join(dir, 'pglite'),
        POMS_SIM_STATE_DIR: path.join(dir, 'sim'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<string>((ok, fail) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = LISTENING.exec(output);
        if (m && /"msg":"started"/.test(output)) ok(m[1]);
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.on('exit', (code) => fail(new Error(`npm start exited (${code}):\n${output}`)));
    });
    expect(output).toMatch(/"code":"compiled"/);
    expect(fs.existsSync(path.join(ROOT, 'dist', 'src', 'main.js'))).toBe(true);
    // The fresh embedded database started from the build's template (initdb and the migrations
    // done at build time): no migration had to run.
    expect(fs.existsSync(path.join(ROOT, 'dist', 'pglite-template', 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(output).not.toMatch(/"msg":"migrations applied"/);
    const base = `http://127.0.0.1:${port}`;
    const page = await fetch(`${base}/sign-in`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="producer"');
    expect((await fetch(`${base}/static/css/poms.css`)).status).toBe(200);
    expect((await fetch(`${base}/vendor/jquery/jquery.min.js`)).status).toBe(200);
  }, 600_000);
});
