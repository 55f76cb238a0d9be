import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type KeyKind } from '../../../../src/domain/pagination/keyset-cursor.js';

const KINDS: Record<string, KeyKind> = { created: 'timestamp', id: 'integer', stage: 'text' };

describe('keyset cursor', () => {
  it('round-trips the sort, the exact key text and the id', () => {
    for (const c of [
      { sort: 'created', key: '2026-12-06 16:54:09.175123+00', id: 94364 },
      { sort: 'id', key: '9007199254740991', id: 9007199254740991 },
      { sort: 'stage', key: 'reco "β" / ?&=', id: 3 },
    ]) {
      const text = encodeCursor(c);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(text, KINDS)).toEqual(c);
    }
  });

  it('refuses what is not one of ours, or a key that does not fit its sort', () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of [
      '',
      'not base64!',
      enc({ sort: 'created' }),
      enc(['created', '2026-12-06', 1, 4]),
      enc(['created', 'yesterday', 1]),
      enc(['created', "2026-12-06 00:00:00'; drop table x", 1]),
      enc(['id', '12a', 1]),
      enc(['id', '12', 0]),
      enc(['id', '12', 1.5]),
      enc(['creator', 'ana', 1]),
      enc(['toString', 'x', 1]),
      enc(['stage', 'x'.repeat(501), 1]),
    ])
      expect(decodeCursor(bad, KINDS), bad).toBeNull();
  });
});
