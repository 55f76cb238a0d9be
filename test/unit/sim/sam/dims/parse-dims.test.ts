import { describe, expect, it } from 'vitest';
import { parseDims, tokenizeDims } from '../../../../../src/sim/sam/dims/index.js';

describe('parseDims', () => {
  it('builds the tree of a located check', () => {
    const text =
      "snapshot_for_project_name P and isparentof:( file_name reco_%.root and version 'v1' and create_date > '2025-04-01T10:22:03+0000'  with availability physical )";
    expect(parseDims(text)).toEqual({
      kind: 'set',
      op: 'and',
      pos: 28,
      left: { kind: 'snapshot_for_project_name', projects: ['P'], pos: 0 },
      right: {
        kind: 'relative',
        relation: 'isparentof',
        pos: 32,
        query: {
          kind: 'with',
          pos: 130,
          modifiers: { availability: ['physical'] },
          query: {
            kind: 'set',
            op: 'and',
            pos: 84,
            left: {
              kind: 'set',
              op: 'and',
              pos: 67,
              left: {
                kind: 'field',
                field: 'file_name',
                values: [{ value: 'reco_%.root', like: true }],
                pos: 45,
              },
              right: { kind: 'field', field: 'version', values: [{ value: 'v1', like: false }], pos: 71 },
            },
            right: {
              kind: 'date',
              field: 'create_date',
              op: '>',
              value: { epochMs: Date.parse('2025-04-01T10:22:03Z'), dateOnly: false },
              pos: 88,
            },
          },
        },
      },
    });
  });

  it('parses split and project forms', () => {
    expect(parseDims('defname: ds with stride 3 offset 1')).toEqual({
      kind: 'with',
      pos: 12,
      modifiers: { stride: 3, offset: 1 },
      query: { kind: 'defname', name: 'ds', pos: 0 },
    });
    expect(parseDims("project_name 'p1','p2'")).toEqual({
      kind: 'project_name',
      projects: ['p1', 'p2'],
      pos: 0,
    });
    expect(parseDims('run_number 1000.0004,7')).toEqual({
      kind: 'run_number',
      runs: [{ run: 1000, subrun: 4 }, { run: 7 }],
      pos: 0,
    });
    expect(parseDims('consumed_status = skipped,co%')).toEqual({
      kind: 'consumed_status',
      values: [
        { value: 'skipped', like: false },
        { value: 'co%', like: true },
      ],
      pos: 0,
    });
  });

  it('tokenizes with positions; a backslash keeps a quote inside a quoted value', () => {
    expect(tokenizeDims(`defname:x and create_date>='it\\'s'`)).toEqual([
      { kind: 'word', text: 'defname', pos: 0 },
      { kind: 'colon', text: ':', pos: 7 },
      { kind: 'word', text: 'x', pos: 8 },
      { kind: 'word', text: 'and', pos: 10 },
      { kind: 'word', text: 'create_date', pos: 14 },
      { kind: 'op', text: '>=', pos: 25 },
      { kind: 'string', text: "it's", pos: 27 },
      { kind: 'eof', text: '', pos: 34 },
    ]);
  });
});
