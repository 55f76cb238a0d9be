// How deeply a JSON text nests, found without recursion and without parsing, so a hostile value
// (`[[[[…` a million deep) is refused before anything recursive (JSON.stringify, a codec, a zod
// schema, the jsonb writer) walks it and overflows the stack.

/** Deepest nesting any real value needs is 3 (a recovery's override pairs); this leaves room. */
export const MAX_JSON_DEPTH = 32;

/** The deepest `[`/`{` nesting of `text`, brackets inside strings not counted; stops past `limit`. */
export function jsonDepth(text: string | Uint8Array, limit = Number.MAX_SAFE_INTEGER): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = typeof text === 'string' ? text.charCodeAt(i) : text[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** True when `text` nests no deeper than MAX_JSON_DEPTH. */
export const shallowEnough = (text: string | Uint8Array) => jsonDepth(text, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH;
