#!/usr/bin/env node
// Compiled output or the TypeScript loader, decided the same way for `npm start`, `npm run
// db:migrate` and the `poms` command:
//   node scripts/built.mjs build-if-stale     runs `npm run build` unless dist/ is up to date
//   node scripts/built.mjs run <entry> [args]  runs dist/<entry>.js when dist/ is up to date
//                                              (NODE_ENV=production unless set), else <entry>.ts
//                                              through tsx, so a stale build never runs.
// "Up to date" = dist/.build-stamp (written after a successful tsc) is newer than every file
// under src/ and migrations/ and the tsconfig and package files.
/* global process, console */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const INPUTS = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** True when dist/ was built after the last change to any source. */
export function buildIsFresh() {
  let stamp;
  try {
    stamp = fs.statSync(STAMP).mtimeMs;
  } catch {
    return false;
  }
  return INPUTS.every((p) => newestMtime(path.join(ROOT, p)) <= stamp);
}

/** `[command, args]` that runs `entry` (e.g. 'src/main'), compiled when the build is fresh. */
export function entryCommand(entry, args = []) {
  if (buildIsFresh()) return { compiled: true, argv: [path.join(ROOT, 'dist', `${entry}.js`), ...args] };
  const tsx = import.meta.resolve('tsx');
  return { compiled: false, argv: ['--import', tsx, path.join(ROOT, `${entry}.ts`), ...args] };
}

/** Runs `entry` as a child process; hands its signals on and exits with its code. */
export function runEntry(entry, args) {
  const { compiled, argv } = entryCommand(entry, args);
  const env = compiled ? { NODE_ENV: 'production', ...process.env } : process.env;
  const child = spawn(process.execPath, argv, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

function buildIfStale() {
  if (buildIsFresh()) return;
  console.error('Compiling POMS to dist/ (npm run build)…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [what, entry, ...rest] = process.argv.slice(2);
  if (what === 'build-if-stale') buildIfStale();
  else if (what === 'run' && entry) runEntry(entry, rest);
  else {
    console.error('usage: node scripts/built.mjs build-if-stale | run <entry> [args…]');
    process.exit(64);
  }
}
