import { describe, expect, it } from 'vitest';
import { fileList, orphansOf, outputsOf } from '../../../../../src/domain/files/mql/provenance-mql.js';

const after = new Date('2026-12-07T08:00:00Z');

describe('provenance MQL', () => {
  it('lists files explicitly and refuses an empty list', () => {
    expect(fileList(['dune:a.root', 'dune:b.root'])).toBe('files dune:a.root, dune:b.root');
    expect(() => fileList([])).toThrow();
  });

  it('outputs: children to the ancestor depth, pattern as regex, version and creation time', () => {
    expect(outputsOf('files from dune:raw', { pattern: 'reco%.root', version: 'v1', after }, 2)).toBe(
      'children(children(files from dune:raw)) where name ~ "^reco.*\\\\.root$" and ' +
        'core.application.version = "v1" and created_timestamp > datetime("2026-12-07T08:00:00")',
    );
  });

  it('a pattern holding a space is an MQL condition, kept as written', () => {
    expect(outputsOf('files dune:a', { pattern: 'core.data_tier = reco', after })).toBe(
      'children(files dune:a) where (core.data_tier = reco) and created_timestamp > datetime("2026-12-07T08:00:00")',
    );
  });

  it('orphans: inputs minus the parents of their outputs, one join per pattern', () => {
    const q = orphansOf('files dune:a', [
      { pattern: '%.root', after },
      { pattern: '%.hist', after },
    ]);
    expect(q).toBe(
      '(files dune:a) - join(parents((children(files dune:a) where name ~ "^.*\\\\.root$" and ' +
        'created_timestamp > datetime("2026-12-07T08:00:00"))), parents((children(files dune:a) where ' +
        'name ~ "^.*\\\\.hist$" and created_timestamp > datetime("2026-12-07T08:00:00"))))',
    );
  });
});
