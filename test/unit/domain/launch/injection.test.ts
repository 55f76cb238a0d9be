import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildLaunchPlan,
  buildLaunchScript,
  legacyCampaignName,
} from '../../../../src/domain/launch/index.js';
import { exampleInput } from './plan-input.js';
import { runScript, scratchDir } from './run-script.js';

// Hostile text in every user-controlled value must reach the launch command as the same single
// argv word (and the environment as the same value), and never run anything. Each payload tries to
// create a marker file; the scripts really run under bash.

const SETUP = [
  // stand-in for the launch script: records its argv, NUL-separated
  `echoargs() { printf '%%s\\0' "$@" > "$OUT_DIR/argv"; }`,
  // values substituted into the login setup text must arrive quoted as well
  `printf '%%s\\0' %(dataset)s %(experimenter)s %(version)s > "$OUT_DIR/setup-values"`,
].join('\n');

function payloads(marker: string): string[] {
  const m = (i: number) => `${marker}/pwned-${i}`;
  return [
    `x; touch ${m(1)}`,
    `\`touch ${m(2)}\``,
    `$(touch ${m(3)})`,
    `\${IFS}touch\${IFS}${m(4)}`,
    `'; touch ${m(5)}; '`,
    `"; touch ${m(6)}; "`,
    `a\ntouch ${m(7)}`,
    `x && touch ${m(8)}`,
    `x | touch ${m(9)}`,
    `x' || touch ${m(10)} || '`,
    `x\\'; touch ${m(11)} #`,
    `$(touch ${m(12)})\`touch ${m(13)}\``,
    '*',
    '-rf',
    '--help',
    '$HOME ~ {a,b} !! # 50% $((1+1)) ?',
    'tab\there\r\nline ünïcode 🙂',
  ];
}

/** Every user value of a launch set to `x`. */
function hostile(x: string) {
  const lit = x.replaceAll('%', '%%'); // how a user writes the text literally in a parameter template
  return buildLaunchPlan(
    exampleInput({
      dataset: x,
      experimenter: x,
      launcher: x,
      campaign: { id: 7, name: `camp ${x}`, keywords: { kw: x } },
      stage: {
        id: 14,
        name: x,
        type: 'regular',
        softwareVersion: x,
        paramOverrides: [
          ['--ds=', '%(dataset)s'],
          ['', '%(dataset)s'],
          ['--kw ', '%(kw)s'],
          ['--ver=', '%(version)s'],
          ['--who=', '%(experimenter)s'],
          ['--raw=', lit],
          ['-r ', lit],
        ],
      },
      jobType: { id: 3, launchScript: 'echoargs' },
      loginSetup: { setup: SETUP },
      siteProfile: { afterSetup: ['env -0 > "$OUT_DIR/env"'] },
    }),
  );
}

function check(x: string, dir: string) {
  const run = runScript(buildLaunchScript(hostile(x)), dir);
  expect(run.status).toBe(0);
  expect(run.words('argv')).toEqual([
    `--ds=${x}`,
    x,
    '--kw',
    x,
    `--ver=${x}`,
    `--who=${x}`,
    `--raw=${x}`,
    '-r',
    x,
  ]);
  expect(run.words('setup-values')).toEqual([x, x, x]);
  const env = run.env();
  const flat = x.replace(/\s/g, '_');
  expect(env.get('POMS4_CAMPAIGN_STAGE_NAME')).toBe(flat);
  expect(env.get('POMS4_CAMPAIGN_NAME')).toBe(`camp_${flat}`);
  expect(env.get('POMS_CAMPAIGN_NAME')).toBe(legacyCampaignName(`camp ${x}`, x));
  expect(env.get('POMS_LAUNCHER')).toBe(x);
  expect(run.output).toMatch(/== completed: \d+ ==\n$/);
  expect(run.files).toEqual(['afile', 'argv', 'env', 'setup-values']);
}

describe('injection corpus', () => {
  const markers = scratchDir();
  afterAll(() => markers.cleanup());

  it.each(payloads(markers.dir))('%j arrives intact as one word and runs nothing', (x) => {
    const one = scratchDir();
    try {
      check(x, one.dir);
    } finally {
      one.cleanup();
    }
  });

  it('no payload created its marker file', () => {
    expect(runScript('true', markers.dir).files).toEqual(['afile']);
  });

  it('arbitrary datasets, keywords and names arrive intact', () => {
    const text = fc
      .string({
        unit: fc.oneof(
          fc.constantFrom(...'\'"`$(){};&|<>\\*?~#! \n\t%'.split('')),
          fc.string({ unit: 'binary', maxLength: 1 }),
        ),
      })
      .filter((t) => t !== '' && !t.includes('\0') && !t.includes('%('));
    fc.assert(
      fc.property(text, (x) => {
        const one = scratchDir();
        try {
          check(x, one.dir);
        } finally {
          one.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});
