import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * One short hash of everything under public/ and of the vendor packages' versions, computed once
 * at start-up: pages link `/static/v-<hash>/…` and `/vendor/v-<hash>/…`, which may be cached for a
 * year (a change gives a new hash, so browsers never keep a stale file).
 */
export function assetVersion(publicDir: string, nodeModules: string, vendors: string[]): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(path.relative(publicDir, p)).update('\0').update(fs.readFileSync(p));
    }
  };
  walk(publicDir);
  for (const v of vendors) {
    const pkg = JSON.parse(fs.readFileSync(path.join(nodeModules, v, 'package.json'), 'utf8')) as {
      version: string;
    };
    h.update(`${v}@${pkg.version}`);
  }
  return h.digest('hex').slice(0, 10);
}
