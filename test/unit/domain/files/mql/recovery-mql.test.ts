import { describe, expect, it } from 'vitest';
import { addedFilesMql } from '../../../../../src/domain/files/mql/recovery-mql.js';

describe('recovery sets as MQL', () => {
  it('added_files: the input query less every file of the project', () => {
    expect(addedFilesMql('files selected by dune:raw', ['dune:a.root', 'dune:b.root'])).toBe(
      '(files selected by dune:raw) - files dune:a.root, dune:b.root',
    );
  });

  it('added_files of a project with no files: the whole input query', () => {
    expect(addedFilesMql('files from dune:raw', [])).toBe('files from dune:raw');
  });

  it('a file name MQL cannot hold is refused naming the file', () => {
    expect(() => addedFilesMql('files from dune:raw', ['dune:a b'])).toThrow(/not a MetaCat name/);
  });
});
