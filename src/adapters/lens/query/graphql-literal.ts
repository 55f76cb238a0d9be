// Literals inlined into Lens documents (POMS never uses GraphQL variables).

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A GraphQL string literal: quotes, backslashes and control characters escaped. */
export function graphqlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A GraphQL Int literal; throws for anything but a non-negative safe integer. */
export function graphqlInt(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  return String(n);
}

/** Names used as aliases (env variable names) cannot be escaped, so they must be valid names. */
export function graphqlName(name: string): string {
  if (!NAME.test(name)) throw new RangeError(`not a GraphQL name: ${JSON.stringify(name)}`);
  return name;
}
