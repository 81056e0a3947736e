// String literals: prefixes, quotes, escapes, and the fields of f-strings (kept as source text with
// their offsets; the interpreter parses them when it evaluates the string).
import type { FieldSource } from './ast.js';

export type DecodedString =
  { value: string; fstring?: undefined } | { fstring: (string | FieldSource)[]; value?: undefined } | { error: string; offset: number };

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

function unescape(body: string, raw: boolean): string {
  if (raw) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (whole, esc: string) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}

/** Decodes one string token starting at `offset` in the file. */
export function decodeString(image: string, offset: number): DecodedString {
  const prefix = /^[A-Za-z]*/.exec(image)?.[0].toLowerCase() ?? '';
  const quote = image.startsWith("'''", prefix.length) || image.startsWith('"""', prefix.length) ? 3 : 1;
  const bodyStart = prefix.length + quote;
  const body = image.slice(bodyStart, image.length - quote);
  const raw = prefix.includes('r');
  if (prefix.includes('b')) return { error: 'bytes literals are not read', offset };
  if (!prefix.includes('f')) return { value: unescape(body, raw) };
  const parts: (string | FieldSource)[] = [];
  let text = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if ((c === '{' || c === '}') && body[i + 1] === c) {
      text += c;
      i += 2;
      continue;
    }
    if (c === '}') return { error: "single '}' in an f-string", offset: offset + bodyStart + i };
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    let quoteChar = '';
    for (; j < body.length && depth > 0; j++) {
      const d = body[j];
      if (quoteChar) {
        if (d === quoteChar) quoteChar = '';
      } else if (d === "'" || d === '"') quoteChar = d;
      else if (d === '{' || d === '[' || d === '(') depth++;
      else if (d === '}' || d === ']' || d === ')') depth--;
    }
    if (depth > 0) return { error: "an f-string field without its closing '}'", offset: offset + bodyStart + i };
    if (text) parts.push(unescape(text, raw));
    text = '';
    parts.push({ code: body.slice(i + 1, j - 1), offset: offset + bodyStart + i + 1 });
    i = j;
  }
  if (text) parts.push(unescape(text, raw));
  return { fstring: parts };
}
