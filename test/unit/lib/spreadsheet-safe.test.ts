import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from '../../../src/lib/spreadsheet-safe.js';

describe('spreadsheetSafe', () => {
  it.each(['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x")'])(
    'quotes text a spreadsheet would run as a formula: %j',
    (v) => expect(spreadsheetSafe(v)).toBe(`'${v}`),
  );
  it('leaves ordinary text, numbers, booleans and nulls alone', () => {
    expect(spreadsheetSafe('reco_v1')).toBe('reco_v1');
    expect(spreadsheetSafe('a=b')).toBe('a=b');
    expect(spreadsheetSafe(-3)).toBe(-3);
    expect(spreadsheetSafe(true)).toBe(true);
    expect(spreadsheetSafe(null)).toBeNull();
    expect(spreadsheetSafe(undefined)).toBeNull();
  });
  it('writes dates as ISO text and objects as JSON, checked like text', () => {
    expect(spreadsheetSafe(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(spreadsheetSafe({ a: 1 })).toBe('{"a":1}');
  });
});
