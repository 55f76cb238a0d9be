import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding POMS's package.json, found by walking up from this file, so views, static
 * files and samples are found the same from src/ (tsx, vitest) and from dist/src/ (compiled).
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(import.meta.dirname);
