import { describe, expect, it } from 'vitest';
import {
  looksLikeSubmissionToken,
  submissionTokens,
} from '../../../../src/services/tokens/submission-token.js';

describe('submission callback tokens', () => {
  let t = new Date('2026-12-06T10:00:00Z');
  const tokens = submissionTokens('a-session-secret-of-16+', 3600_000, () => t);

  it('verifies to the submission it was minted for, and has its own shape', () => {
    const tok = tokens.mint(42);
    expect(tok).toMatch(/^pomssub_42_\d+_/);
    expect(looksLikeSubmissionToken(tok)).toBe(true);
    expect(looksLikeSubmissionToken('poms_abc')).toBe(false);
    expect(tokens.verify(tok)).toBe(42);
  });

  it('refuses another id or expiry under the same mac, and another secret', () => {
    const tok = tokens.mint(42);
    const [, , exp, mac] = tok.split('_');
    expect(() => tokens.verify(`pomssub_43_${exp}_${mac}`)).toThrow(/not valid/);
    expect(() => tokens.verify(`pomssub_42_${Number(exp) + 999}_${mac}`)).toThrow(/not valid/);
    const other = submissionTokens('another-secret-of-16+++', 3600_000, () => t);
    expect(() => other.verify(tok)).toThrow(/not valid/);
  });

  it('expires after its lifetime, saying when', () => {
    const tok = tokens.mint(7);
    t = new Date(t.getTime() + 3600_000 + 1000);
    expect(() => tokens.verify(tok)).toThrow(/token of submission 7 expired on 2026-12-06T11:00:00/);
  });
});
