// The app as a site runs it, in its own process(es), for the page, throughput and cold-start
// figures: started through scripts/built.mjs (compiled when the build is fresh), its readiness,
// and the CPU time and memory of its whole process tree read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface AppProcess {
  child: ChildProcess;
  /** performance.now() when it was spawned. */
  started: number;
  /** The start-up steps the app logged ('started' line's startupMs), once it logged them at info level. */
  startup(): Record<string, number> | undefined;
  stop(): Promise<void>;
}

/** Starts `src/main` with `env` over the bench's defaults (loops, simulator and seed off). */
export function startApp(env: Record<string, string | undefined>): AppProcess {
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/built.mjs', 'run', 'src/main'], {
    env: {
      ...process.env,
      POMS_LOOPS_ENABLED: 'false',
      POMS_SIM_ENABLED: 'false',
      POMS_SERVER_LOG_LEVEL: 'warn',
      POMS_DEMO_SEED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let startup: Record<string, number> | undefined;
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    if (startup) return;
    buf += d.toString();
    const m = /"startupMs":(\{[^}]*\})/.exec(buf);
    if (m) startup = JSON.parse(m[1]) as Record<string, number>;
    buf = buf.slice(-4096);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, started, startup: () => startup, stop };
}

/** Waits until `path` answers 200 (polling every 20 ms, up to two minutes). */
export async function waitFor(base: string, path: string, headers: Record<string, string> = {}) {
  for (let i = 0; i < 6000; i++) {
    try {
      const r = await fetch(base + path, { headers });
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} did not answer 200`);
}

const childrenOf = (pid: number): number[] => {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

/** `pid` and all its descendants still alive. */
export const processTree = (pid: number): number[] => [pid, ...childrenOf(pid).flatMap(processTree)];

/** User + system CPU seconds used so far by these processes (those that exited count no more). */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      /* gone */
    }
  }
  return ticks / 100; // USER_HZ
}

/** Resident memory of each process of the tree that serves pages (node processes), in MiB. */
export function rssMiB(pid: number): number[] {
  const out: number[] = [];
  for (const p of processTree(pid))
    try {
      const s = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(s);
      if (m) out.push(Number(m[1]) / 1024);
    } catch {
      /* gone */
    }
  return out;
}

/** Sign-in cookie of a browser session as `user` (dev mode). */
export async function signIn(base: string, user: string): Promise<string> {
  const first = await fetch(`${base}/sign-in`);
  const cookie = (first.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())?.[1] ?? '';
  const r = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user, _csrf: csrf }),
  });
  const set = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
  return set.length ? set.join('; ') : cookie;
}

export type Get = (path: string) => Promise<{ status: number; bytes: number }>;
/** A client sending `headers` with every GET; reads the whole body. */
export const client =
  (base: string, headers: Record<string, string>): Get =>
  async (path) => {
    const r = await fetch(base + path, { headers, redirect: 'manual' });
    const b = await r.arrayBuffer();
    return { status: r.status, bytes: b.byteLength };
  };
