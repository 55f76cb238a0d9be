import type { DimsAvailability, DimsModifiers, DimsNode, DimsSetOp } from './dims-ast.js';
import { DimsCursor, describe } from './dims-cursor.js';
import { parseDimsTerm } from './parse-dims-term.js';
import { tokenizeDims } from './tokenize-dims.js';

// Precedence, loosest first, each level left-associative. This is SAM's own grammar (the server's
// pyparsing grammar, as copied in marcmengel/samwebish): `and` binds tighter than `or`, which binds
// tighter than `minus`/`union`/`intersect`. So `A minus B and C` is `A minus (B and C)`.
const LEVELS: DimsSetOp[][] = [['minus', 'union', 'intersect'], ['or'], ['and']];
const AVAILABILITY: DimsAvailability[] = ['physical', 'anylocation', 'virtual', 'default'];

/**
 * query := setexpr { "with" modifier { modifier } }
 * The modifiers apply to the whole set expression before them (use parentheses to scope them).
 */
export function parseDims(text: string): DimsNode {
  const c = new DimsCursor(text, tokenizeDims(text));
  if (c.peek().kind === 'eof') c.fail('empty dimensions');
  const node = parseQuery(c);
  if (c.peek().kind !== 'eof') c.fail(`unexpected ${describe(c.peek())}`);
  return node;
}

function parseQuery(c: DimsCursor): DimsNode {
  const query = parseLevel(c, 0);
  const start = c.peek();
  if (!c.atKeyword('with')) return query;
  const modifiers: DimsModifiers = {};
  while (c.atKeyword('with')) {
    c.next();
    parseModifiers(c, modifiers);
  }
  return { kind: 'with', query, modifiers, pos: start.pos };
}

function parseLevel(c: DimsCursor, level: number): DimsNode {
  if (level === LEVELS.length) return parseDimsTerm(c, parseQuery);
  let left = parseLevel(c, level + 1);
  for (;;) {
    const at = c.peek();
    const op = c.atKeyword(...LEVELS[level]) as DimsSetOp | undefined;
    if (!op) return left;
    c.next();
    left = { kind: 'set', op, left, right: parseLevel(c, level + 1), pos: at.pos };
  }
}

/** limit N | offset N | stride N | availability V{,V}; a later value of the same modifier wins. */
function parseModifiers(c: DimsCursor, m: DimsModifiers): void {
  let count = 0;
  for (;;) {
    const word = c.atKeyword('limit', 'offset', 'stride', 'availability');
    if (!word) break;
    c.next();
    if (word === 'availability') m.availability = [...(m.availability ?? []), ...parseAvailability(c)];
    else if (word === 'stride') m.stride = c.integer('stride value', 1);
    else m[word as 'limit' | 'offset'] = c.integer(`${word} value`);
    count++;
  }
  if (count === 0) c.fail(`expected limit, offset, stride or availability but found ${describe(c.peek())}`);
}

function parseAvailability(c: DimsCursor): DimsAvailability[] {
  const out: DimsAvailability[] = [];
  do {
    const t = c.value('an availability');
    const v = t.text.toLowerCase() as DimsAvailability;
    if (!AVAILABILITY.includes(v)) c.fail(`unknown availability '${t.text}'`, t);
    out.push(v);
  } while (c.accept('comma'));
  return out;
}
