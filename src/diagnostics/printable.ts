// Text from a spec (names, kinds, messages quoting them) must not drive the terminal: an ESC
// sequence can retitle the window or clear the screen, a bare CR or newline can forge a line.
// Every control character is shown as a visible escape instead.

/** C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what is shown. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e', '\u0007': '\\a', '\b': '\\b' };

/**
 * C0 controls as `\e`, `\x01`…; DEL and above as `\u007f`, `\u202e`: inside a JSON string that is
 * a valid escape of the same character (JSON.stringify already escapes C0 but not these).
 */
function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text: every control character escaped, newlines and tabs included. */
export function printableLine(text: string): string {
  return text.replace(CONTROL, visible);
}

/**
 * Output text that may span lines (a table, a report): newlines and tabs are the output's own
 * layout and stay; every other control character is escaped.
 */
export function printableText(text: string): string {
  return text.replace(CONTROL_EXCEPT_LAYOUT, visible);
}

/** netspec's own progress line on a terminal: a leading carriage return and "erase to end of line". */
const PROGRESS_ERASE = '\u001b[K';

/** As printableText, but keeps a chunk's leading `\r` and `ESC[K`, which only our progress output writes. */
export function printableProgress(text: string): string {
  const lead = text.startsWith('\r') ? '\r' : '';
  return lead + text.slice(lead.length).split(PROGRESS_ERASE).map(printableText).join(PROGRESS_ERASE);
}
