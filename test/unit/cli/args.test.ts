import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { CliError } from '../../../src/cli/cli-error.js';
import { EXIT } from '../../../src/cli/exit-codes.js';

describe('parseArgs', () => {
  it('separates words, valued options (anywhere, = or space) and switches', () => {
    const a = parseArgs([
      'stage',
      '--json',
      'launch',
      '-e',
      'samdev',
      'demo/reco',
      '--interval=0.5',
      '--test',
    ]);
    expect(a.words).toEqual(['stage', 'launch', 'demo/reco']);
    expect(a.options).toEqual({ experiment: 'samdev', interval: '0.5' });
    expect([...a.switches].sort()).toEqual(['json', 'test']);
  });

  it('keeps KEY=VALUE words and everything after --', () => {
    const a = parseArgs(['stage', 'edit', 'c/s', 'param_overrides=[["-c ", "x"]]', '--', '--not-an-option']);
    expect(a.words).toEqual(['stage', 'edit', 'c/s', 'param_overrides=[["-c ", "x"]]', '--not-an-option']);
  });

  it('refuses unknown options and options without their value (usage, exit 2)', () => {
    for (const argv of [
      ['campaign', 'list', '--bogus'],
      ['login', '--url'],
    ]) {
      try {
        parseArgs(argv);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(CliError);
        expect((e as CliError).exitCode).toBe(EXIT.usage);
      }
    }
  });
});
