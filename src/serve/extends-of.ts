// The `extends:` value of a spec text, found without parsing large files: a top-level
// `extends: base.yaml` line (the usual form), else a full parse for small texts (flow mappings).
import { parse } from 'yaml';

const EXTENDS_LINE = /^extends:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"[\]{}&*!|>%@`][^#\n]*?))[ \t]*(?:#.*)?$/m;
/** Texts up to this size may be parsed whole to find `extends` (a parse of this size takes milliseconds). */
const FULL_PARSE_BYTES = 256 * 1024;

export function extendsOf(text: string): string | undefined {
  const line = EXTENDS_LINE.exec(text);
  if (line) return line[1] ?? line[2] ?? line[3];
  if (text.length > FULL_PARSE_BYTES || !text.includes('extends')) return undefined;
  try {
    const doc = parse(text, { maxAliasCount: 100 }) as { extends?: unknown } | null;
    return typeof doc === 'object' && doc !== null && typeof doc.extends === 'string' ? doc.extends : undefined;
  } catch {
    return undefined;
  }
}
