import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCycles } from '../../../../src/domain/ini/find-cycles.js';
import { findInvalidUtf8 } from '../../../../src/domain/ini/find-invalid-utf8.js';
import { formatJson, readJsonValue } from '../../../../src/domain/ini/json-value.js';
import {
  normaliseText,
  parseCampaignIni,
  readParamPairs,
  readRecoveries,
} from '../../../../src/domain/ini/index.js';

describe('readJsonValue', () => {
  it('reads bare, double-quoted and JSON-string-encoded values alike', () => {
    for (const text of ['[["a", "b"]]', '"[["a", "b"]]"', '"[[\\"a\\", \\"b\\"]]"']) {
      expect(readJsonValue(text)).toEqual({ ok: true, value: [['a', 'b']], warnings: [] });
    }
  });

  it('says why text is not JSON', () => {
    const r = readJsonValue('[1,');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^Not valid JSON \(/);
  });
});

describe('formatJson', () => {
  it("writes Python's json.dumps layout and reads back equal (property)", () => {
    expect(formatJson([['-c ', 'x'], []])).toBe('[["-c ", "x"], []]');
    expect(formatJson({ a: '1', b: ['x'] })).toBe('{"a": "1", "b": ["x"]}');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(formatJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});

describe('param pairs and recoveries', () => {
  it('accepts [] and pairs, warns on a one-element entry, refuses the rest', () => {
    expect(readParamPairs('[]')).toEqual({ ok: true, value: [], warnings: [] });
    expect(readParamPairs('[["-x"]]')).toEqual({
      ok: true,
      value: [['-x']],
      warnings: ['item 1 ["-x"] has no value; kept as an option on its own'],
    });
    for (const bad of ['[[]]', '[["a", "b", "c"]]', '["a"]', 'null', '[[1, 2]]'])
      expect(readParamPairs(bad).ok).toBe(false);
  });

  it('refuses a recovery without its override list', () => {
    expect(readRecoveries('[["added_files"]]')).toEqual({
      ok: false,
      message:
        'Expected a JSON list of ["recovery type", [[option, value], ...]] entries; entry 1 is ["added_files"]',
    });
  });
});

describe('normaliseText', () => {
  it('trims lines, unifies line ends, drops comment-looking lines after the first and blank ends', () => {
    expect(normaliseText('  # first stays\r\n  a  \r\r\n; gone\n  #gone\n b \n\n')).toBe(
      '# first stays\na\n\nb',
    );
    expect(normaliseText(' \n \n x')).toBe('x');
  });
});

describe('findInvalidUtf8', () => {
  it('agrees with a strict TextDecoder (property)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }).map((s) => new TextEncoder().encode(s)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const at = findInvalidUtf8(b);
        expect(at === -1).toBe(valid(b));
        if (at >= 0) expect(valid(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('findCycles', () => {
  it('handles very long chains without recursion', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => `s${i}`);
    const chain = new Map(nodes.slice(0, -1).map((s, i) => [s, [nodes[i + 1]]]));
    expect(findCycles(nodes, chain)).toEqual([]);
    chain.set(nodes[n - 1], [nodes[0]]);
    const [cycle] = findCycles(nodes, chain);
    expect(cycle).toHaveLength(n + 1);
    expect(cycle[0]).toBe('s0');
  });

  it('ignores self-loops', () => {
    expect(findCycles(['a', 'b'], new Map([['a', ['a', 'b']]]))).toEqual([]);
  });

  it('reads a file with a long chain of dependent stages', () => {
    const n = 3000;
    const lines = ['[campaign]', 'name = chain', '[campaign_stage s0]'];
    for (let i = 1; i < n; i++) {
      lines.push(
        `[campaign_stage s${i}]`,
        `[dependencies s${i}]`,
        `campaign_stage_1 = s${i - 1}`,
        'file_pattern_1 = %',
      );
    }
    const { doc } = parseCampaignIni(lines.join('\n'));
    expect(doc.dependencies).toHaveLength(n - 1);
  });
});
