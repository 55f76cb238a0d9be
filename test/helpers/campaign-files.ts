import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

// Campaign .ini files the suites import. Ours live in test/fixtures/ini (written for the tests,
// shaped like the experiments' files) and always run. The experiments' real files live beside the
// repository on our machines and in CI (../shared/reference/ini-corpus, or POMS_INI_CORPUS); they
// run in addition when present. When absent, each suite that would have used them records one
// skipped test tagged REAL_CORPUS_TAG, which scripts/test.sh counts and names in its summary.

const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures', 'ini');
export const REAL_CORPUS_DIR = path.resolve(
  ROOT,
  process.env.POMS_INI_CORPUS ?? '../shared/reference/ini-corpus',
);
export const realCorpusPresent = existsSync(REAL_CORPUS_DIR);
export const REAL_CORPUS_TAG = '[real ini corpus]';

const iniFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ini'))
    .sort();

/** Our own files, by name. */
export const fixtureFiles = (): string[] => iniFiles(FIXTURE_DIR);
/** The real files by name; [] when the corpus is absent. */
export const realCorpusFiles = (): string[] => (realCorpusPresent ? iniFiles(REAL_CORPUS_DIR) : []);
/** Every campaign file: ours, then the real ones when present (names never clash). */
export const campaignFiles = (): string[] => [...fixtureFiles(), ...realCorpusFiles()];

export function readCampaignFile(file: string): Buffer {
  const own = path.join(FIXTURE_DIR, file);
  return readFileSync(existsSync(own) ? own : path.join(REAL_CORPUS_DIR, file));
}

/** Absolute path of one of our files. */
export const fixturePath = (file: string): string => path.join(FIXTURE_DIR, file);

/**
 * Registers `suite` (tests over the real files) when the corpus is present; otherwise one skipped
 * test saying what did not run and where the corpus was looked for.
 */
export function withRealCorpus(what: string, suite: () => void): void {
  if (realCorpusPresent) suite();
  else it.skip(`${REAL_CORPUS_TAG} ${what}: not run, ${REAL_CORPUS_DIR} not found`, () => {});
}
