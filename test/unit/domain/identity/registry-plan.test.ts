import { describe, expect, it } from 'vitest';
import {
  levelOfFqan,
  planExperiment,
  splitFullName,
  type LocalMembership,
  type RegistryLevel,
} from '../../../../src/domain/identity/registry-plan.js';

const reported = (o: Record<string, RegistryLevel>) => new Map(Object.entries(o));
const m = (
  username: string,
  role: LocalMembership['role'],
  source: LocalMembership['source'] = 'registry',
  active = true,
) => ({
  username,
  role,
  source,
  active,
});

describe('a registry sync plan for one experiment', () => {
  it('adds, reactivates, raises and removes memberships at the levels the registry reports', () => {
    const plan = planExperiment(
      reported({ ann: 'analysis', bob: 'production', cy: 'production', dee: 'analysis' }),
      [
        m('bob', 'analysis'),
        m('cy', 'production', 'registry', false),
        m('dee', 'production'),
        m('eve', 'analysis'),
      ],
    );
    expect(plan.changes).toEqual([
      { action: 'membership-added', username: 'ann', newRole: 'analysis' },
      { action: 'role-changed', username: 'bob', oldRole: 'analysis', newRole: 'production' },
      { action: 'membership-reactivated', username: 'cy', newRole: 'production' },
      { action: 'role-changed', username: 'dee', oldRole: 'production', newRole: 'analysis' },
      { action: 'membership-removed', username: 'eve', oldRole: 'analysis' },
    ]);
  });

  it('never lowers a role set locally above the registry, nor touches shifters and superusers', () => {
    const plan = planExperiment(
      reported({ pat: 'analysis', sam: 'analysis', sue: 'production', shay: 'analysis' }),
      [
        m('pat', 'production', 'local'),
        m('sam', 'superuser', 'registry'),
        m('sue', 'superuser', 'local'),
        m('shay', 'production-shifter', 'local'),
        m('gone-shifter', 'production-shifter', 'registry'),
        m('gone-super', 'superuser', 'registry'),
        m('gone-local', 'analysis', 'local'),
      ],
    );
    expect(plan.changes).toEqual([]);
  });

  it('a shifter the registry makes production becomes production', () => {
    expect(
      planExperiment(reported({ shay: 'production' }), [m('shay', 'production-shifter', 'local')]).changes,
    ).toEqual([
      { action: 'role-changed', username: 'shay', oldRole: 'production-shifter', newRole: 'production' },
    ]);
  });

  it('an empty report changes nothing and says so', () => {
    expect(planExperiment(new Map(), [m('eve', 'analysis')])).toEqual({
      changes: [],
      skipped: 'the registry reported no members: nothing changed',
    });
  });

  it('reads the level of an FQAN and splits a full name as the original did', () => {
    expect(levelOfFqan('/fermilab/dune/Role=Production/Capability=NULL')).toBe('production');
    expect(levelOfFqan('/dune/Role=analysis/Capability=NULL')).toBe('analysis');
    expect(levelOfFqan('/dune/Role=NULL/Capability=NULL')).toBeUndefined();
    expect(splitFullName('Ada King Lovelace')).toEqual({ first_name: 'Ada', last_name: 'King Lovelace' });
    expect(splitFullName('Plato')).toEqual({ first_name: null, last_name: 'Plato' });
  });
});
