import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// `npm run sim` = `tsx src/sim/main.ts`: prints its URLs, serves, stops on SIGTERM.
describe('npm run sim', () => {
  it('starts in memory with the demo world and prints its URLs', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/sim/main.ts', '--memory', '--manual', '--port', '0'],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 30_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /FIFE simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m && /state\s+: in memory/.test(output)) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    try {
      expect(output).toContain(`Lens    : ${url}/lens/query`);
      expect(output).toContain('clock   : manual');
      const count = await fetch(`${url}/sam/samdev/api/files/count?dims=defname:demo_raw`);
      expect(await count.text()).toBe('40');
    } finally {
      const exited = new Promise((ok) => child.on('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
