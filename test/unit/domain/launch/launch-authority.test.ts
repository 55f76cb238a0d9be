import { describe, expect, it } from 'vitest';
import {
  launchAuthority,
  loginSetupAccountProblem,
  loginSetupUseProblem,
  type LaunchAuthority,
} from '../../../../src/domain/launch/index.js';

const input = (over: Partial<Parameters<typeof launchAuthority>[0]> = {}, ls: object = {}) => ({
  experiment: 'mu2e',
  stageCreatorRole: 'production',
  loginSetup: {
    name: 'prod',
    host: 'mu2egpvm01',
    account: 'mu2epro',
    creatorRole: 'production',
    active: true,
    ...ls,
  },
  launcher: 'alice',
  analysisHosts: ['mu2egpvm01', 'ana01'],
  ...over,
});
const refusal = (i: Parameters<typeof launchAuthority>[0]) => {
  try {
    launchAuthority(i);
  } catch (e) {
    return e as Error & { status: number };
  }
  throw new Error('accepted');
};

describe('launchAuthority', () => {
  it('production: the login setup account', () => {
    expect(launchAuthority(input({}, { host: 'prodhost' }))).toEqual<LaunchAuthority>({
      role: 'production',
      account: 'mu2epro',
    });
  });

  it('production never goes to an analysis host, even one named after the experiment or in samdev', () => {
    const e = refusal(input({}, { host: 'ANA01' }));
    expect(e.status).toBe(403);
    expect(e.message).toBe('production launches never go to an analysis launch host; ANA01 is one');
    expect(refusal(input()).message).toContain('mu2egpvm01 is one');
    expect(refusal(input({ experiment: 'samdev' }, { host: 'ana01' })).status).toBe(403);
  });

  it('the role is the stage creator role, whatever the login setup or launcher', () => {
    const ana = input(
      { stageCreatorRole: 'analysis', launcher: 'ana' },
      { host: 'ana01', account: 'mu2epro', creatorRole: 'analysis' },
    );
    expect(launchAuthority(ana)).toEqual({ role: 'analysis', account: 'ana' });
  });

  it('analysis: only analysis hosts, never a production login setup, always a person', () => {
    const ana = (ls: object, over: object = {}) =>
      input({ stageCreatorRole: 'analysis', ...over }, { creatorRole: 'analysis', host: 'ana01', ...ls });
    expect(refusal(ana({ host: 'prodhost' })).message).toBe(
      'analysis launches go only to the analysis launch hosts (mu2egpvm01, ana01); prodhost is not one',
    );
    expect(refusal(ana({}, { analysisHosts: [] })).message).toContain('(none configured)');
    expect(refusal(ana({ creatorRole: 'production' })).message).toBe(
      'login setup prod belongs to production and can be used only by production stages; this stage was created by an analysis user',
    );
    expect(refusal(ana({}, { launcher: null })).message).toContain('no person to run as');
  });

  it('an inactive login setup launches nothing', () => {
    const e = refusal(input({}, { active: false }));
    expect(e.status).toBe(400);
    expect(e.message).toBe('login setup prod is inactive: activate it or choose another before launching');
  });
});

describe('save-time rules', () => {
  it("an analysis user's login setup names their own account", () => {
    expect(loginSetupAccountProblem('analysis', 'ana', 'ana')).toBeNull();
    expect(loginSetupAccountProblem('production', 'pat', 'mu2epro')).toBeNull();
    expect(loginSetupAccountProblem('analysis', 'ana', 'mu2epro')).toBe(
      "an analysis user's login setup runs under their own account: launch_account must be ana, not mu2epro",
    );
  });

  it('an analysis stage cannot use a production login setup', () => {
    expect(loginSetupUseProblem('analysis', { name: 'p', creatorRole: 'production' })).toBe(
      'login setup p belongs to production and can be used only by production campaigns',
    );
    expect(loginSetupUseProblem('production', { name: 'a', creatorRole: 'analysis' })).toBeNull();
    expect(loginSetupUseProblem('analysis', { name: 'a', creatorRole: 'analysis' })).toBeNull();
  });
});
