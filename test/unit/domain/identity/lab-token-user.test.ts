import { describe, expect, it } from 'vitest';
import { labTokenUser, scopesOf } from '../../../../src/domain/identity/lab-token-user.js';

const rules = { productionAccount: '{experiment}pro' };

describe('the user a lab token speaks for', () => {
  it('a user storage scope names that user and limits the token to its experiment', () => {
    expect(
      labTokenUser(
        { scope: 'compute.read storage.create:/dune/scratch/users/alice storage.read:/dune' },
        rules,
      ),
    ).toEqual({ username: 'alice', experiment: 'dune', from: 'user scope' });
    expect(labTokenUser({ scope: 'storage.create:/mu2e/users/bob/' }, rules)).toMatchObject({
      username: 'bob',
      experiment: 'mu2e',
    });
  });

  it("an experiment's storage scope is its production account", () => {
    expect(labTokenUser({ scope: 'compute.create storage.create:/dune/' }, rules)).toEqual({
      username: 'dunepro',
      experiment: 'dune',
      from: 'production scope',
    });
    expect(
      labTokenUser({ scp: ['storage.create:/nova'] }, { productionAccount: 'prod_{experiment}' }),
    ).toMatchObject({ username: 'prod_nova' });
  });

  it('a user scope wins over an experiment scope in the same token', () => {
    expect(
      labTokenUser({ scope: 'storage.create:/dune/ storage.create:/dune/scratch/users/carol' }, rules),
    ).toMatchObject({ username: 'carol', from: 'user scope' });
  });

  it('a configured claim names the user when the token carries it, else the scope decides', () => {
    const r = { ...rules, userClaim: 'preferred_username' };
    expect(labTokenUser({ preferred_username: 'dave', scope: 'storage.create:/dune/' }, r)).toEqual({
      username: 'dave',
      experiment: null,
      from: 'claim',
    });
    expect(labTokenUser({ scope: 'storage.create:/dune/' }, r)).toMatchObject({ username: 'dunepro' });
    expect(labTokenUser({ preferred_username: 'a b' }, r)).toEqual({
      problem: "the token's preferred_username claim is not a user name",
    });
  });

  it('a token naming nobody says what it lacks', () => {
    const r = labTokenUser({ scope: 'storage.read:/dune compute.create' }, rules);
    expect(r).toEqual({ problem: expect.stringMatching(/no storage\.create:\/<experiment>\/users\/<user>/) });
    expect(labTokenUser({}, { ...rules, userClaim: 'sub' })).toEqual({
      problem: expect.stringMatching(/^the token has no sub claim and no storage\.create/),
    });
  });

  it('reads scope as a space-separated string or scp as a list', () => {
    expect(scopesOf({ scope: ' a  b ' })).toEqual(['a', 'b']);
    expect(scopesOf({ scp: ['a', 3, 'b'] })).toEqual(['a', 'b']);
    expect(scopesOf({})).toEqual([]);
  });
});
