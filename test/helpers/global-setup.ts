// Starts what the integration and browser suites need, once per run.
// TEST_DB = auto (default) | docker | local | pglite | external (DATABASE_URL as given).
// auto = a Docker engine through testcontainers when reachable, else a throwaway local PostgreSQL 15
// cluster (scripts/pg-throwaway.sh), else PGlite. With CI=true, PGlite is never a silent fallback.
import type { TestProject } from 'vitest/node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export type DbInfo = { kind: 'docker' | 'local' | 'pglite' | 'external'; url: string | null };
export type SshInfo = { port: number; user: string; key: string; knownHosts: string; dir: string } | null;

declare module 'vitest' {
  export interface ProvidedContext {
    db: DbInfo;
    ssh: SshInfo;
  }
}

async function dockerAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

const localPgAvailable = () =>
  fs.existsSync('/usr/lib/postgresql') &&
  fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

function exportsOf(out: string): Record<string, string> {
  return Object.fromEntries([...out.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
}

async function startDb(): Promise<{ db: DbInfo; stop: () => unknown }> {
  const want = process.env.TEST_DB ?? (process.env.DATABASE_URL ? 'external' : 'auto');
  if (want === 'external')
    return { db: { kind: 'external', url: process.env.DATABASE_URL! }, stop: () => {} };
  if (want === 'docker' || (want === 'auto' && (await dockerAvailable()))) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const c = await new PostgreSqlContainer('postgres:15-alpine').start();
    return { db: { kind: 'docker', url: c.getConnectionUri() }, stop: () => c.stop() };
  }
  if (want === 'local' || (want === 'auto' && localPgAvailable())) {
    const env = exportsOf(execFileSync('bash', ['scripts/pg-throwaway.sh', 'start'], { encoding: 'utf8' }));
    return {
      db: { kind: 'local', url: env.DATABASE_URL },
      stop: () => execFileSync('bash', ['scripts/pg-throwaway.sh', 'stop', env.PGTMP_DIR]),
    };
  }
  if (process.env.CI === 'true' && want === 'auto') {
    throw new Error('CI=true but no PostgreSQL server could be started (install postgresql)');
  }
  return { db: { kind: 'pglite', url: null }, stop: () => {} };
}

function startSsh(): { ssh: SshInfo; stop: () => unknown } {
  // TEST_SSH=off is an explicit choice (the PGlite pass); otherwise CI must have sshd.
  if (process.env.TEST_SSH === 'off') return { ssh: null, stop: () => {} };
  if (!fs.existsSync('/usr/sbin/sshd')) {
    if (process.env.CI === 'true')
      throw new Error('CI=true but sshd is not installed (apt-get install openssh-server)');
    return { ssh: null, stop: () => {} };
  }
  const env = exportsOf(execFileSync('bash', ['scripts/sshd-throwaway.sh', 'start'], { encoding: 'utf8' }));
  return {
    ssh: {
      port: Number(env.SSH_PORT),
      user: env.SSH_USER,
      key: env.SSH_KEY,
      knownHosts: env.SSH_KNOWN_HOSTS,
      dir: env.SSHTMP_DIR,
    },
    stop: () => execFileSync('bash', ['scripts/sshd-throwaway.sh', 'stop', env.SSHTMP_DIR]),
  };
}

export default async function setup(project: TestProject) {
  const { db, stop: stopDb } = await startDb();
  const { ssh, stop: stopSsh } = startSsh();
  project.provide('db', db);
  project.provide('ssh', ssh);
  return async () => {
    await stopSsh();
    await stopDb();
  };
}
