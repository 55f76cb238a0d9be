import { describe, expect, it } from 'vitest';
import {
  chainWarnings,
  likePatternsOverlap,
  type ChainStage,
} from '../../../../src/domain/dependencies/chain-warnings.js';

const stage = (name: string, over: Partial<ChainStage> = {}): ChainStage => ({
  name,
  jobType: 'jt',
  loginSetup: 'ls',
  outputPatterns: [],
  ...over,
});

describe('likePatternsOverlap', () => {
  it.each([
    ['reco_%.root', 'reco_%.root', true],
    ['%', 'anything', true],
    ['reco_%.root', '%.root', true],
    ['reco_%.root', 'ana_%.root', false],
    ['%_hist.root', '%_reco.root', false],
    ['a_c', 'abc', true],
    ['a%', '%b', true],
    ['%.root', '%.log', false],
    ['', 'x.root', true],
  ])('%s and %s: %s', (a, b, want) => {
    expect(likePatternsOverlap(a, b)).toBe(want);
    expect(likePatternsOverlap(b, a)).toBe(want);
  });
});

describe('chainWarnings', () => {
  it('names stages without job type or login setup', () => {
    const w = chainWarnings([stage('a', { jobType: null, loginSetup: null })], []);
    expect(w.map((x) => x.kind)).toEqual(['missing_job_type', 'missing_login_setup']);
  });

  it('says a credential problem once for the campaign, not once per stage', () => {
    const w = chainWarnings([stage('a'), stage('b'), stage('c')], [], 'no vault token');
    expect(w.filter((x) => x.kind === 'credentials')).toEqual([
      {
        kind: 'credentials',
        stage: '',
        message: 'every launch of this campaign would be refused: no vault token',
      },
    ]);
  });

  it('warns when two downstream stages take the same outputs, not for disjoint patterns', () => {
    const stages = [stage('gen', { outputPatterns: ['%.root'] }), stage('reco'), stage('ana'), stage('hist')];
    const w = chainWarnings(stages, [
      { upstream: 'gen', downstream: 'reco', pattern: 'gen_%.root' },
      { upstream: 'gen', downstream: 'ana', pattern: '%_001.root' },
      { upstream: 'gen', downstream: 'hist', pattern: '%.hist' },
    ]);
    expect(w.filter((x) => x.kind === 'overlap').map((x) => x.message)).toEqual([
      'stages reco (gen_%.root) and ana (%_001.root) both take outputs of gen that match both patterns',
    ]);
  });

  it('warns about outputs no dependency consumes, only for stages something runs after', () => {
    const w = chainWarnings(
      [
        stage('reco', { outputPatterns: ['reco_%.root', 'reco_%.log'] }),
        stage('ana', { outputPatterns: ['ana_%.root'] }),
      ],
      [{ upstream: 'reco', downstream: 'ana', pattern: 'reco_%.root' }],
    );
    expect(w).toEqual([
      {
        kind: 'unconsumed_output',
        stage: 'reco',
        message: 'no dependency consumes the outputs of reco matching reco_%.log',
      },
    ]);
  });

  it('warns about a dependency whose pattern selects none of the existing outputs', () => {
    const w = chainWarnings(
      [stage('a'), stage('b')],
      [
        { upstream: 'a', downstream: 'b', pattern: 'x_%', matches: 0 },
        { upstream: 'a', downstream: 'b', pattern: 'y_%', matches: 3 },
      ],
    );
    expect(w.map((x) => [x.kind, x.stage])).toEqual([['zero_match', 'b']]);
  });

  it('leaves raw dims patterns alone (cannot compare them)', () => {
    const w = chainWarnings(
      [stage('a', { outputPatterns: ['%.root'] }), stage('b'), stage('c')],
      [
        { upstream: 'a', downstream: 'b', pattern: 'data_tier reco' },
        { upstream: 'a', downstream: 'c', pattern: '%' },
      ],
    );
    expect(w).toEqual([]);
  });

  it('names a job type or login setup that is named but defined nowhere', () => {
    const w = chainWarnings([stage('a', { jobTypeExists: false, loginSetupExists: false })], []);
    expect(w.map((x) => x.message)).toEqual([
      'stage a: job type jt does not exist',
      'stage a: login setup ls does not exist',
    ]);
  });

  it('warns about a pattern that no output name of the upstream job type can match, before any output exists', () => {
    const stages = [stage('gen', { outputPatterns: ['%.fcl'] }), stage('sim'), stage('ana')];
    const w = chainWarnings(stages, [
      { upstream: 'gen', downstream: 'sim', pattern: '%.art' },
      { upstream: 'gen', downstream: 'ana', pattern: 'gen_%' },
    ]);
    expect(w.filter((x) => x.kind === 'zero_match')).toEqual([
      {
        kind: 'zero_match',
        stage: 'sim',
        message: 'the pattern %.art of sim can match no output of gen (its job type writes %.fcl)',
      },
    ]);
  });

  it('does not guess about upstreams with raw dims output patterns or an unknown job type', () => {
    const w = chainWarnings(
      [
        stage('a', { outputPatterns: ['%.root', 'data_tier raw'] }),
        stage('b', { outputPatterns: ['%.root'], jobTypeExists: false }),
        stage('c'),
      ],
      [
        { upstream: 'a', downstream: 'c', pattern: '%.art' },
        { upstream: 'b', downstream: 'c', pattern: '%.art' },
      ],
    );
    expect(w.filter((x) => x.kind === 'zero_match')).toEqual([]);
  });
});
