import crypto from 'node:crypto';

// Token text: `poms_` + 32 random bytes (base64url). Only its sha256 is stored; the first
// PREFIX_LENGTH characters are kept in clear so that people can recognise a token in a list.

const PREFIX_LENGTH = 12;
const TOKEN_SHAPE = /^poms_[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** Whether `text` looks like one of our tokens (cheap check before a database lookup). */
export const looksLikeToken = (text: string): boolean => TOKEN_SHAPE.test(text);

export function newToken(): { token: string; hash: string; prefix: string } {
  const token = `poms_${crypto.randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, PREFIX_LENGTH) };
}
