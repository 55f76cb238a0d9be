import { describe, expect, it } from 'vitest';
import {
  amongMql,
  childrenMql,
  NOTHING_MQL,
  pageMql,
  parentsMql,
  unionMql,
} from '../../../../../src/domain/files/mql/browse-mql.js';

// The MQL of the file pages and the active-stage housekeeping on a MetaCat experiment; the same
// texts run against the simulator's MQL engine in test/integration/pages/dd-demo-files.int.test.ts.
describe('file browsing as MQL', () => {
  it('a page is a stable ordered skip/limit slice of the query', () => {
    expect(pageMql('files from dune:raw', 50, 25)).toBe('(files from dune:raw) ordered skip 50 limit 25');
  });

  it("a file's parents and children, and whether it is among a query's files", () => {
    expect(parentsMql('dune:reco_1.root')).toBe('parents(files dune:reco_1.root)');
    expect(childrenMql('dune:raw_1.root')).toBe('children(files dune:raw_1.root)');
    expect(amongMql('dune:reco_1.root', 'files where poms.submission_id = 7')).toBe(
      'join(files dune:reco_1.root, files where poms.submission_id = 7)',
    );
  });

  it('a union of queries: one as it is, none selects nothing', () => {
    expect(unionMql(['files from dune:a', 'files selected by dune:b'])).toBe(
      'union(files from dune:a, files selected by dune:b)',
    );
    expect(unionMql(['files from dune:a'])).toBe('files from dune:a');
    expect(unionMql([])).toBe(NOTHING_MQL);
  });

  it('a name MQL cannot hold is refused', () => {
    expect(() => parentsMql('dune:a b')).toThrow(/not a MetaCat name/);
  });
});
