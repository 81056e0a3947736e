// f-string replacement fields: splitting `x!r:>3` into the expression, conversion and format spec, and
// formatting a value with the specs netspec follows (width, zero padding, fixed decimals).
import { pyStr, type Value } from './values.js';

/** `x!r:>3` → the expression, the conversion, the format spec. */
export function splitField(code: string): { code: string; conversion?: string; spec?: string } {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i] ?? '';
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && c === '!' && code[i + 1] !== '=') {
      const rest = code.slice(i + 1);
      const colon = rest.indexOf(':');
      return { code: code.slice(0, i), conversion: colon < 0 ? rest : rest.slice(0, colon), ...(colon >= 0 && { spec: rest.slice(colon + 1) }) };
    } else if (depth === 0 && c === ':') return { code: code.slice(0, i), spec: code.slice(i + 1) };
  }
  return { code };
}

export function formatField(value: Value, conversion: string | undefined, spec: string | undefined): string | undefined {
  if (!spec) return conversion === 'r' ? undefined : pyStr(value);
  const m = /^(0?)(\d*)([dfs]?)$/.exec(spec) ?? /^(0?)(\d*)\.(\d+)f$/.exec(spec);
  if (!m) return undefined;
  if (spec.includes('.') && (value.t === 'int' || value.t === 'float')) return value.v.toFixed(Number(m[3]));
  const text = pyStr(value);
  if (text === undefined) return undefined;
  return text.padStart(Number(m[2] || 0), m[1] === '0' ? '0' : ' ');
}
