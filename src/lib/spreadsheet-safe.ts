/** What a cell of a download may hold. */
export type Cell = string | number | boolean | null;

/** Characters that make a spreadsheet read a cell as a formula (or start a hidden one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A value made safe for a spreadsheet cell (CSV injection): text starting with = + - @, a tab or a
 * carriage return gets a leading single quote, so it is shown as text and never evaluated. Numbers
 * and booleans are left as they are (a negative number is data, not a formula); dates become ISO
 * text; objects become their JSON text, which is then checked like any text.
 */
export function spreadsheetSafe(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const text = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v);
  return FORMULA_START.test(text) ? `'${text}` : text;
}
