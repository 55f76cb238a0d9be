import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLaunchPlan, buildLaunchScript } from '../../../../src/domain/launch/index.js';
import { exampleInput } from '../../domain/launch/plan-input.js';
import { runScript, scratchDir } from '../../domain/launch/run-script.js';

// The script builder's promise: whatever the values, the built script parses (bash -n), runs
// nothing a value says, and each value arrives byte-identical wherever the setup text uses it, in
// every quoting context. Values are hostile text around payloads that would create a marker file.

type Key = 'dataset' | 'version' | 'experimenter' | 'experiment';
const KEYS: Key[] = ['dataset', 'version', 'experimenter', 'experiment'];

/** Context name → [setup line writing the value to $OUT_DIR/<key>-<context>, what the file then holds]. */
const CONTEXTS: Record<string, [(k: Key) => string, (v: string) => string]> = {
  unquoted: [(k) => `printf '%%s' %(${k})s > "$OUT_DIR/${k}-unquoted"`, (v) => v],
  glued: [(k) => `printf '%%s' pre-%(${k})s-post > "$OUT_DIR/${k}-glued"`, (v) => `pre-${v}-post`],
  double: [(k) => `printf '%%s' "a'%(${k})s\\"" > "$OUT_DIR/${k}-double"`, (v) => `a'${v}"`],
  single: [(k) => `printf '%%s' 'a"%(${k})s$x' > "$OUT_DIR/${k}-single"`, (v) => `a"${v}$x`],
  ansi: [(k) => `printf '%%s' $'\\t%(${k})s\\'' > "$OUT_DIR/${k}-ansi"`, (v) => `\t${v}'`],
  heredoc: [(k) => `cat > "$OUT_DIR/${k}-heredoc" <<EOF\n'%(${k})s" $\nEOF`, (v) => `'${v}" $\n`],
  command: [(k) => `printf '%%s' "$(printf '%%s.' %(${k})s)" > "$OUT_DIR/${k}-command"`, (v) => `${v}.`],
  exported: [(k) => `export V=%(${k})s; printf '%%s' "$V" > "$OUT_DIR/${k}-exported"`, (v) => v],
  default: [(k) => `printf '%%s' "\${UNSET_X:-%(${k})s}" > "$OUT_DIR/${k}-default"`, (v) => v],
  comment: [(k) => `true # it's %(${k})s`, () => ''],
};

const SETUP = KEYS.flatMap((k) => Object.values(CONTEXTS).map(([line]) => line(k))).join('\n');

const markers = scratchDir();
afterAll(() => markers.cleanup());
const MARK = join(markers.dir, 'pwned');

const PAYLOADS = [
  `$(touch ${MARK})`,
  `\`touch ${MARK}\``,
  `'; touch ${MARK}; '`,
  `"; touch ${MARK}; "`,
  `'"$(touch ${MARK})"'`,
  `\ntouch ${MARK}\n`,
  `x && touch ${MARK}`,
  `x | touch ${MARK}`,
  `x; touch ${MARK} #`,
  `\${IFS}$(touch\${IFS}${MARK})`,
  `\\'; touch ${MARK}; #`,
  `\nEOF\ntouch ${MARK}\n`,
  `'$'\\'';touch ${MARK};'`,
];

const noise = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'\'"`$(){}[];&|<>\\*?~#! \n\t%'.split('')),
    fc.constantFrom('ü', '🙂', '\u00a0', '\u2028', 'EOF', '${X}', '$((1))'),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
  ),
  maxLength: 12,
});
const hostile = fc
  .tuple(noise, fc.constantFrom(...PAYLOADS), noise)
  .map(([a, p, b]) => a + p + b)
  .filter((v) => !v.includes('\0') && !v.includes('%('));

function bashParses(script: string): boolean {
  return spawnSync('bash', ['-n'], { input: script }).status === 0;
}

describe('the launch script with hostile values in every context of the setup text', () => {
  it('parses, runs nothing, and every value arrives byte-identical', () => {
    fc.assert(
      fc.property(
        fc.record({ dataset: hostile, version: hostile, experimenter: hostile, experiment: hostile }),
        (v) => {
          const plan = buildLaunchPlan(
            exampleInput({
              dataset: v.dataset,
              experimenter: v.experimenter,
              launcher: v.experimenter,
              experiment: v.experiment,
              stage: { id: 14, name: 'reco', type: 'regular', softwareVersion: v.version },
              jobType: { id: 3, launchScript: 'true' },
              loginSetup: { setup: SETUP },
            }),
          );
          const script = buildLaunchScript(plan);
          expect(bashParses(script)).toBe(true);
          const one = scratchDir();
          try {
            const run = runScript(script, one.dir, 'stdin');
            expect(run.status, run.output).toBe(0);
            for (const k of KEYS) {
              const value = k === 'experiment' ? v.experiment : v[k];
              for (const [name, [, expected]] of Object.entries(CONTEXTS)) {
                if (name === 'comment') continue;
                const file = join(one.dir, `${k}-${name}`);
                expect(existsSync(file), `${k}-${name}`).toBe(true);
                expect(readFileSync(file, 'utf8'), `${k} in ${name}`).toBe(expected(value));
              }
            }
            expect(existsSync(MARK)).toBe(false);
          } finally {
            one.cleanup();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the payloads do create the marker when run as shell (the check can fail)', () => {
    const r = spawnSync('bash', ['-c', `echo ${PAYLOADS[0]}`]);
    expect(r.status).toBe(0);
    expect(existsSync(MARK)).toBe(true);
    markers.cleanup();
    expect(existsSync(MARK)).toBe(false);
  });
});
