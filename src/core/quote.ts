/**
 * Input quoted inside a message (an error line on a terminal, a notice on the page): control characters escaped so
 * a value cannot move the cursor, retitle the terminal or reorder text, and long values cut, so one bad value
 * cannot make a 20 MB line.
 */

/** How many characters of a value a message quotes. */
export const QUOTE_MAX = 80;

// C0 controls, DEL, C1 controls (U+009B is a one-byte CSI), line/paragraph separators, bidi controls, BOM.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const escapeChar = (c: string): string => {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `s` with every control character written as an escape (\x1b, \n, \u202e). */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, escapeChar);
}

/** `s` cut to `max` characters (never inside a surrogate pair), with "…" and the full length when cut. */
export function cutText(s: string, max = QUOTE_MAX): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}… (${s.length} characters)`;
}

/** A given value as text: numbers as written by a person (-0, Infinity), strings as they are, other JSON as JSON. */
export function givenText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    // Too deep or circular: the kind is all a message can say.
    return Array.isArray(v) ? '[…]' : '{…}';
  }
}

/**
 * A value quoted for a message: strings in double quotes, numbers bare; cut to {@link QUOTE_MAX} characters and
 * with control characters escaped. `"abc"`, `1e+309`… never a raw escape sequence.
 */
export function quoteGiven(v: unknown, max = QUOTE_MAX): string {
  const body = escapeControls(cutText(givenText(v), max).replace(/[\\"]/g, '\\$&'));
  return typeof v === 'string' ? `"${body}"` : body;
}

/** A key for a message: bare when it is a plain name, else quoted like a value. */
export function quoteKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(k) ? k : quoteGiven(k);
}

/** A file path for a message: bare when it holds only ordinary path characters, else quoted like a value. */
export function quotePath(p: string): string {
  return /^[\w./~+@:-]{1,80}$/.test(p) ? p : quoteGiven(p);
}

/** One line for a terminal: controls escaped (newlines become spaces first), at most `max` characters. */
export function safeLine(s: string, max = 400): string {
  return escapeControls(cutText(s.replace(/\s*\n\s*/g, ' ').trim(), max));
}
