// Turns an uploaded .ini file into text, refusing what cannot be a campaign file at all.

import { findInvalidUtf8 } from './find-invalid-utf8.js';
import { IniFormatError } from './ini-format-error.js';

/** Largest accepted file: 5 MiB. */
export const MAX_INI_BYTES = 5 * 1024 * 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(message: string, line?: number, code: 'invalid_input' | 'too_large' = 'invalid_input'): never {
  throw new IniFormatError(message, [line === undefined ? { message } : { line, message }], code);
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a pair (lone surrogates are refused separately)
      i += 1;
    } else n += 3;
  }
  return n;
}

function checkSize(bytes: number): void {
  if (bytes > MAX_INI_BYTES) {
    fail(
      `The .ini file is too large: ${bytes} bytes, the limit is ${MAX_INI_BYTES} bytes (5 MiB)`,
      undefined,
      'too_large',
    );
  }
}

/** 1-based line on which the text that precedes a position ends. */
const lineAfter = (before: string) => before.split(/\r\n|\r|\n/).length;

/** The file's text without a leading byte-order mark. Throws IniFormatError. */
export function decodeIniInput(input: string | Uint8Array): string {
  let text: string;
  if (typeof input === 'string') {
    checkSize(utf8Length(input));
    const bad = LONE_SURROGATE.exec(input);
    if (bad)
      fail('The .ini text is not valid Unicode (unpaired surrogate)', lineAfter(input.slice(0, bad.index)));
    text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  } else {
    checkSize(input.length);
    const bad = findInvalidUtf8(input);
    if (bad >= 0) {
      const line = lineAfter(new TextDecoder().decode(input.subarray(0, bad)));
      const hex = input[bad].toString(16).toUpperCase().padStart(2, '0');
      fail(`The .ini file is not UTF-8 text: byte 0x${hex} at offset ${bad}; save it as UTF-8`, line);
    }
    text = new TextDecoder('utf-8').decode(input);
  }
  if (text.trim() === '') fail('The .ini file is empty');
  return text;
}
