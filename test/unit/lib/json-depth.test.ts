import { describe, expect, it } from 'vitest';
import { jsonDepth, shallowEnough } from '../../../src/lib/json-depth.js';

describe('jsonDepth', () => {
  it('counts nesting outside strings, without recursion', () => {
    expect(jsonDepth('[]')).toBe(1);
    expect(jsonDepth('[["a", "b"], {"k": [1]}]')).toBe(3);
    expect(jsonDepth('["[[[[", "\\"[["]')).toBe(1);
    expect(jsonDepth(Buffer.from('{"a": {"b": []}}'))).toBe(3);
    expect(shallowEnough('['.repeat(1_000_000) + ']'.repeat(1_000_000))).toBe(false);
    expect(shallowEnough('['.repeat(32) + ']'.repeat(32))).toBe(true);
  });
});
