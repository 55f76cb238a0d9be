import { describe, expect, it } from 'vitest';
import { decide, type Action, type Actor } from '../../../../src/domain/permissions/permissions.js';
import { rolesAvailable, type Role } from '../../../../src/domain/permissions/roles.js';

const ME = 'alice';
const OTHER = 'bob';
type Owner = 'own-analysis' | 'other-analysis' | 'own-production' | 'other-production' | 'unowned';
const OWNERS: Owner[] = ['own-analysis', 'other-analysis', 'own-production', 'other-production', 'unowned'];
const ACTIONS: Action[] = ['view', 'create', 'modify', 'operate', 'manage'];

function target(owner: Owner, experiment = 'samdev') {
  if (owner === 'unowned') return { experiment };
  const [who, role] = owner.split('-') as ['own' | 'other', 'analysis' | 'production'];
  return { experiment, owner: who === 'own' ? ME : OTHER, creatorRole: role };
}

function actor(memberRole: Role | null, actingAs: Role, root = false): Actor {
  return { username: ME, root, memberships: memberRole ? { samdev: memberRole } : {}, role: actingAs };
}

// Expected answers, one line per acting role (member of samdev with that role), per action:
// five letters for the owners own-analysis, other-analysis, own-production, other-production, unowned.
const EXPECTED: Record<Role, Record<Action, string>> = {
  analysis: { view: 'YYYYY', create: 'YYYYY', modify: 'YNNNN', operate: 'YNNNN', manage: 'NNNNN' },
  'production-shifter': {
    view: 'YYYYY',
    create: 'NNNNN',
    modify: 'NNNNN',
    operate: 'YYYYY',
    manage: 'NNNNN',
  },
  production: { view: 'YYYYY', create: 'YYYYY', modify: 'NNYYY', operate: 'YYYYY', manage: 'NNNNN' },
  superuser: { view: 'YYYYY', create: 'YYYYY', modify: 'YYYYY', operate: 'YYYYY', manage: 'YYYYY' },
};

describe('permission matrix: role × action × owner', () => {
  for (const role of Object.keys(EXPECTED) as Role[]) {
    for (const action of ACTIONS) {
      OWNERS.forEach((owner, i) => {
        const want = EXPECTED[role][action][i] === 'Y';
        it(`${role} ${action} ${owner} → ${want ? 'allowed' : 'refused'}`, () => {
          const d = decide(actor(role, role), action, target(owner));
          expect(d.allowed).toBe(want);
          if (!d.allowed) expect(d.reason).toMatch(/\w/);
        });
      });
    }
  }
});

describe('acting above one’s membership is refused', () => {
  const claims: Array<[Role, Role]> = [
    ['production-shifter', 'superuser'],
    ['production-shifter', 'production'],
    ['analysis', 'production'],
    ['analysis', 'superuser'],
    ['production', 'superuser'],
  ];
  for (const [member, claimed] of claims) {
    for (const action of ACTIONS) {
      it(`${member} claiming ${claimed} cannot ${action}`, () => {
        const d = decide(actor(member, claimed), action, target('other-production'));
        expect(d).toEqual({
          allowed: false,
          reason: `alice may act as ${member} or below in samdev, not ${claimed}`,
        });
      });
    }
  }
  it('a superuser acting as a lower role gets that role’s rights', () => {
    expect(decide(actor('superuser', 'analysis'), 'modify', target('other-production')).allowed).toBe(false);
    expect(decide(actor('superuser', 'production'), 'modify', target('other-production')).allowed).toBe(true);
  });
});

describe('membership and root', () => {
  it('non-members are refused everything, including view', () => {
    for (const action of ACTIONS) {
      const d = decide(actor(null, 'analysis'), action, target('unowned'));
      expect(d).toEqual({ allowed: false, reason: 'alice is not a member of samdev' });
    }
  });
  it('a member of one experiment has no rights in another', () => {
    for (const action of ACTIONS) {
      expect(decide(actor('superuser', 'superuser'), action, target('own-production', 'dune')).allowed).toBe(
        false,
      );
    }
  });
  it('root acts as superuser in every experiment, member or not', () => {
    for (const action of ACTIONS)
      for (const owner of OWNERS)
        expect(decide(actor(null, 'analysis', true), action, target(owner, 'dune')).allowed).toBe(true);
  });
});

describe('roles offered in the role switcher', () => {
  it('are the member role and the ones below it', () => {
    expect(rolesAvailable('production', false)).toEqual(['analysis', 'production-shifter', 'production']);
    expect(rolesAvailable('analysis', false)).toEqual(['analysis']);
    expect(rolesAvailable(null, false)).toEqual([]);
    expect(rolesAvailable(null, true)).toEqual(['analysis', 'production-shifter', 'production', 'superuser']);
  });
});
