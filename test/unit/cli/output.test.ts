import { describe, expect, it } from 'vitest';
import { exitForStatus, EXIT } from '../../../src/cli/exit-codes.js';
import { fields, table } from '../../../src/cli/output.js';

describe('CLI output', () => {
  it('aligns table columns on the widest cell, with no trailing blanks', () => {
    expect(
      table(
        ['ID', 'NAME', 'TAGS'],
        [
          [1, 'demo', null],
          [12, 'a_longer_name', 'x,y'],
        ],
      ),
    ).toBe(['ID  NAME           TAGS', '1   demo           -', '12  a_longer_name  x,y'].join('\n'));
  });

  it('aligns key: value blocks', () => {
    expect(
      fields([
        ['stage', 'demo/reco'],
        ['files located', 34],
      ]),
    ).toBe('stage:         demo/reco\nfiles located: 34');
  });

  it('maps refusals to exit codes', () => {
    expect([401, 403, 404, 400, 409, 500].map(exitForStatus)).toEqual([
      EXIT.unauthenticated,
      EXIT.forbidden,
      EXIT.notFound,
      EXIT.error,
      EXIT.error,
      EXIT.error,
    ]);
  });
});
