// The `extends:` value of a spec, read as the analysis reads it. `baseNameOf` takes the parsed tree
// (load.ts has it anyway). `extendsOfText` serves readers that must not spend seconds parsing a large
// file to find one key (the playground server, the page's gallery): a text up to FULL_PARSE_BYTES is
// parsed exactly as load.ts parses it; in a larger one the top-level `extends:` entry is found by its
// line and that entry alone is parsed by the same YAML library (a 2 MB spec takes 4–6 s to parse whole).
import { parse } from 'yaml';
import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { BaseName } from './extends-chain.js';
import { mapGet, parseYamlTree, type Located } from './yaml-tree.js';

/** The `extends:` entry of a parsed spec: a string names the base; anything else is no base. */
export function baseNameOf(tree: Located): BaseName | undefined {
  const base = mapGet(tree, 'extends');
  return base?.kind === 'scalar' && typeof base.value === 'string' ? { written: base.value, at: base.at } : undefined;
}

/** Texts up to this size are parsed whole (milliseconds); larger ones by their `extends:` entry. */
export const FULL_PARSE_BYTES = 64 * 1024;

/** A top-level `extends:` line (key plain or quoted) and the indented or blank lines continuing its value. */
const EXTENDS_ENTRY = /^(?:extends|"extends"|'extends')[ \t]*:[^\n]*(?:\n(?:[ \t][^\n]*)?)*/m;

export function extendsOfText(text: string, fullParseBytes = FULL_PARSE_BYTES): string | undefined {
  if (!text.includes('extends')) return undefined;
  if (text.length <= fullParseBytes) {
    const tree = parseYamlTree(text, 'spec.yaml', new DiagnosticBag());
    return tree ? baseNameOf(tree)?.written : undefined;
  }
  const entry = EXTENDS_ENTRY.exec(text);
  if (!entry) return undefined;
  try {
    const value: unknown = parse(entry[0], { maxAliasCount: 0 });
    return typeof value === 'object' && value !== null && 'extends' in value && typeof value.extends === 'string' ? value.extends : undefined;
  } catch {
    return undefined;
  }
}

/** ChainRules.baseOf for walkers that need the name only (the playground server, the page's gallery). */
export function baseNameOfText(file: { text: string }): BaseName | undefined {
  const written = extendsOfText(file.text);
  return written === undefined ? undefined : { written };
}
