// YAML text → a located tree: every map, list and scalar keeps its file and range, so any later
// stage can point at the exact characters it is complaining about. Safe by construction: tags
// construct nothing, aliases are counted, and nesting depth is bounded.
import { Alias, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, Scalar, visit, type Node as YamlNode } from 'yaml';
import type { DiagnosticBag, DiagnosticCode, SourceRef } from '../diagnostics/diagnostic.js';
import { yamlSyntaxHelp } from './shape-help.js';
import { formatBytes, formatCount } from '../format/format.js';

export type Located = LocatedMap | LocatedSeq | LocatedScalar;

interface LocatedBase {
  at: SourceRef & { start: number; end: number };
}

export interface LocatedMap extends LocatedBase {
  kind: 'map';
  entries: { key: string; keyAt: SourceRef & { start: number; end: number }; value: Located }[];
}

export interface LocatedSeq extends LocatedBase {
  kind: 'seq';
  items: Located[];
}

export type ScalarValue = string | number | boolean | null;

export interface LocatedScalar extends LocatedBase {
  kind: 'scalar';
  value: ScalarValue;
  /** The string was quoted in YAML (a plain scalar is an expression where a number is due). */
  quoted: boolean;
  /** Offset of the scalar's first content character (after an opening quote). */
  contentStart: number;
}

/** 5 MB as netspec spells sizes (steps of 1024, src/format): limits read as round numbers. */
export const MAX_SOURCE_BYTES = 5 * 1024 ** 2;
const MAX_DEPTH = 200;
const MAX_ALIAS_EXPANSIONS = 10_000;
/**
 * Nodes an alias may stand for, summed over every alias and counted in the expanded tree: the
 * size of the result, not of the text (100 references to a 300 KB list are 30 MB of spec).
 */
export const MAX_ALIAS_NODES = 100_000;

/** Parses YAML; returns undefined after reporting when the text is not a usable document. */
export function parseYamlTree(text: string, file: string, bag: DiagnosticBag): Located | undefined {
  bag.addSource(file, text);
  if (text.length > MAX_SOURCE_BYTES) {
    bag.error('too-large', `spec is over the limit of ${formatBytes(MAX_SOURCE_BYTES)} (${formatCount(text.length)} characters)`, { file, start: 0, end: 0 });
    return undefined;
  }
  const shape = shapeProblem(text);
  if (shape) {
    bag.error(shape.code, shape.message, { file, start: shape.at, end: shape.at + 1 });
    return undefined;
  }
  // Duplicate keys are found by the tree builder with a set: yaml's own check compares every
  // key with every earlier one, hours for a map of a few hundred thousand keys.
  let doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true });
  if (doc.errors.length > 0) {
    // `[Conv2D(8, 3, 'same')]`: YAML cannot read a split piece that starts with a quote. Read a copy
    // with the quotes of such calls blanked (same length, so every range holds); the calls are
    // joined back from the original text, quotes and all.
    const repaired = blankQuotesInFlowCalls(text);
    const second = repaired === undefined ? undefined : parseDocument(repaired, { prettyErrors: false, uniqueKeys: false, strict: true });
    if (second && second.errors.length === 0) doc = second;
  }
  for (const err of doc.errors) {
    bag.error(
      'yaml-syntax',
      yamlMessage(err.message),
      { file, start: err.pos[0], end: err.pos[1] },
      flowCallHint(text, err.pos[0]) ?? yamlSyntaxHelp(text, err.pos[0], err.message),
    );
  }
  if (doc.errors.length > 0) return undefined;
  const converter = new TreeBuilder(file, bag, doc);
  if (doc.contents === null) {
    bag.error('empty', 'spec is empty', { file, start: 0, end: 0 });
    return undefined;
  }
  const tree = converter.convert(doc.contents as YamlNode, 0);
  return bag.hasErrors ? undefined : tree;
}

class TreeBuilder {
  private aliasExpansions = 0;
  /** Nodes built inside alias expansions so far. */
  private aliasNodes = 0;
  /** How many alias expansions enclose the node being built. */
  private insideAlias = 0;
  private aliasLimitReported = false;
  /** Each alias's target, found in one pass (yaml's Alias.resolve walks the whole document per call). */
  private readonly targets = new Map<Alias, YamlNode>();

  constructor(
    private readonly file: string,
    private readonly bag: DiagnosticBag,
    doc: ReturnType<typeof parseDocument>,
  ) {
    const anchors = new Map<string, YamlNode>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) this.targets.set(node, target);
        } else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
      },
    });
  }

  convert(node: YamlNode, depth: number): Located {
    const at = this.at(node);
    if (this.insideAlias > 0 && ++this.aliasNodes > MAX_ALIAS_NODES) return this.aliasTooLarge(at);
    if (depth > MAX_DEPTH) {
      this.bag.error('too-deep', `spec nests deeper than ${MAX_DEPTH} levels`, at);
      return { kind: 'scalar', value: null, quoted: false, contentStart: at.start, at };
    }
    if (isAlias(node)) return this.convertAlias(node, depth);
    if (node.tag && !isStandardTag(node.tag)) {
      this.bag.error('yaml-tag', `YAML tag '${node.tag}' is not supported: specs hold plain data only`, this.tagAt(at));
    }
    if (isMap(node)) {
      const entries: LocatedMap['entries'] = [];
      const seen = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyAt = keyNode ? this.at(keyNode) : at;
        if (!isScalar(keyNode) || typeof keyNode.value === 'object') {
          this.bag.error('yaml-key', 'mapping keys must be plain names', keyAt);
          continue;
        }
        const identity = `${typeof keyNode.value}:${String(keyNode.value)}`;
        if (seen.has(identity)) this.bag.error('yaml-syntax', 'Map keys must be unique', keyAt);
        seen.add(identity);
        const value = pair.value === null ? this.nullAt(keyAt.end) : this.convert(pair.value as YamlNode, depth + 1);
        entries.push({ key: String(keyNode.value), keyAt, value });
      }
      return { kind: 'map', entries, at };
    }
    if (isSeq(node)) {
      const items = node.flow ? this.rejoinCalls(node.items as (YamlNode | null)[]) : node.items;
      return {
        kind: 'seq',
        items: items.map((item) => (item === null ? this.nullAt(at.start) : isLocated(item) ? item : this.convert(item as YamlNode, depth + 1))),
        at,
      };
    }
    const scalar = node as Scalar;
    const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
    return { kind: 'scalar', value: scalarValue(scalar.value), quoted, contentStart: at.start + (quoted ? 1 : 0), at };
  }

  /**
   * In a flow list YAML splits `[Conv2D(8, 3), Dense(10)]` at every comma, also those inside the
   * call's parentheses. A plain item that opens a call (`Conv2D(8`) is joined with the items after
   * it until its brackets balance, as the source text between them: the call string as written.
   */
  private rejoinCalls(items: (YamlNode | null)[]): (YamlNode | null | LocatedScalar)[] {
    const source = this.bag.sourceText(this.file) ?? '';
    const out: (YamlNode | null | LocatedScalar)[] = [];
    for (let i = 0; i < items.length; i++) {
      const first = items[i] ?? null;
      if (!isScalar(first) || first.type !== 'PLAIN' || typeof first.value !== 'string' || !CALL_START.test(first.value) || bracketDepth(first.value) <= 0) {
        out.push(first);
        continue;
      }
      const start = this.at(first).start;
      let j = i;
      // Scanned piece by piece (not the whole joined text per item), so an unbalanced call in a
      // long flow list stays linear.
      const scan = new BracketScan();
      scan.feed(first.value);
      let end = this.at(first).end;
      while (scan.depth > 0 && j + 1 < items.length && items[j + 1]) {
        j++;
        const next = this.at(items[j]!).end;
        scan.feed(source.slice(end, next));
        end = next;
      }
      if (j === i) {
        out.push(first);
        continue;
      }
      const text = source.slice(start, end);
      const at = { file: this.file, start, end: start + text.length };
      out.push({ kind: 'scalar', value: text, quoted: false, contentStart: start, at });
      i = j;
    }
    return out;
  }

  /** The outermost alias being expanded, where an expansion limit is reported. */
  private currentAlias: (SourceRef & { start: number; end: number }) | undefined;

  private convertAlias(node: Alias, depth: number): Located {
    if (++this.aliasExpansions > MAX_ALIAS_EXPANSIONS) {
      const at = this.at(node);
      if (!this.aliasLimitReported)
        this.bag.error(
          'yaml-alias',
          `too many alias expansions (limit ${formatCount(MAX_ALIAS_EXPANSIONS)}); stopped here`,
          at,
          'write the repeated part once as a block and call it, or use repeat:',
        );
      this.aliasLimitReported = true;
      return this.nullAt(at.start);
    }
    const target = this.targets.get(node);
    if (!target) return this.nullAt(this.at(node).start);
    if (this.insideAlias++ === 0) this.currentAlias = this.at(node);
    try {
      return this.convert(target, depth + 1);
    } finally {
      this.insideAlias--;
    }
  }

  /** Reported once, at the alias whose expansion crossed the limit; the rest of it is dropped. */
  private aliasTooLarge(at: SourceRef & { start: number; end: number }): Located {
    if (!this.aliasLimitReported) {
      this.aliasLimitReported = true;
      this.bag.error(
        'yaml-alias',
        `aliases expand to more than ${formatCount(MAX_ALIAS_NODES)} nodes; the expansion crossed the limit here`,
        this.currentAlias ?? at,
        'write the repeated part once as a block and call it, or use repeat:',
      );
    }
    return this.nullAt(at.start);
  }

  private at(node: YamlNode): SourceRef & { start: number; end: number } {
    const range = node.range ?? [0, 0, 0];
    return { file: this.file, start: range[0], end: range[1] };
  }

  /** The tag's own `!` on the node's line (the node's range starts after it). */
  private tagAt(at: SourceRef & { start: number; end: number }): SourceRef & { start: number; end: number } {
    const source = this.bag.sourceText(this.file) ?? '';
    const lineStart = source.lastIndexOf('\n', at.start - 1) + 1;
    const bang = source.lastIndexOf('!', at.start);
    if (bang < lineStart) return at;
    const tagStart = source.lastIndexOf('!!', bang) === bang - 1 ? bang - 1 : source.slice(lineStart, at.start).indexOf('!') + lineStart;
    return { file: at.file, start: tagStart, end: at.start };
  }

  private nullAt(offset: number): LocatedScalar {
    return { kind: 'scalar', value: null, quoted: false, contentStart: offset, at: { file: this.file, start: offset, end: offset } };
  }
}

const CALL_START = /^[A-Za-z_][\w.]*\s*\(/;

/**
 * The text with every quote inside a call string in a flow list (`[… Conv2D(8, 3, 'same') …]`)
 * replaced by `~`, for calls YAML will split (they hold a comma, so rejoinCalls takes their text
 * from the original source). Undefined when there is no such call.
 */
function blankQuotesInFlowCalls(text: string): string | undefined {
  const chars = [...text];
  let changed = false;
  let flowDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '[' || c === '{') flowDepth++;
    else if ((c === ']' || c === '}') && flowDepth > 0) flowDepth--;
    else if (flowDepth > 0 && /[A-Za-z_]/.test(c) && /[[,\s]/.test(text[i - 1] ?? ' ')) {
      const call = /^[A-Za-z_][\w.]*\s*\(/.exec(text.slice(i));
      if (!call) continue;
      let depth = 0;
      let quote: string | null = null;
      let end = i + call[0].length - 1;
      for (; end < text.length && text[end] !== '\n'; end++) {
        const d = text[end]!;
        if (quote) quote = d === quote ? null : quote;
        else if (d === "'" || d === '"') quote = d;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      const body = text.slice(i, end + 1);
      if (depth === 0 && body.includes(',') && /['"]/.test(body)) {
        for (let j = i; j <= end; j++) if (text[j] === "'" || text[j] === '"') chars[j] = '~';
        changed = true;
      }
      i = end;
    }
  }
  return changed ? chars.join('') : undefined;
}

/** Open minus closed brackets outside string quotes (Python call syntax), fed text in pieces. */
class BracketScan {
  depth = 0;
  private quote: string | null = null;

  feed(text: string): void {
    for (const c of text) {
      if (this.quote) {
        if (c === this.quote) this.quote = null;
      } else if (c === "'" || c === '"') this.quote = c;
      else if (c === '(' || c === '[' || c === '{') this.depth++;
      else if (c === ')' || c === ']' || c === '}') this.depth--;
    }
  }
}

function bracketDepth(text: string): number {
  const scan = new BracketScan();
  scan.feed(text);
  return scan.depth;
}

function isLocated(item: unknown): item is LocatedScalar {
  return typeof item === 'object' && item !== null && (item as { kind?: unknown }).kind === 'scalar';
}

function isStandardTag(tag: string): boolean {
  return /^tag:yaml\.org,2002:(str|int|float|bool|null|map|seq)$/.test(tag);
}

function scalarValue(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/**
 * Lines and flow-list entries a spec may have, together. The YAML parser needs 1–2 KB per node:
 * two million `1,` in a 4 MB flow list took it 15 s and 2.2 GB, a million `- 1` lines 10 s and
 * 1.1 GB. A network at netspec's 250,000-layer limit needs fewer.
 */
export const MAX_YAML_ITEMS = 400_000;

/**
 * Cheap pre-check, before the YAML parser, so pathological input ends in a diagnostic at its line
 * rather than a stack overflow or gigabytes: nesting by flow brackets (`[[[[…`), by a line's
 * indentation (two spaces a level) plus the `- ` markers that open it (`- - - - x`); and the
 * number of lines plus flow-list entries (counted by their commas).
 */
function shapeProblem(text: string): { code: DiagnosticCode; message: string; at: number } | undefined {
  const tooDeep = (at: number) => ({ code: 'too-deep' as const, message: `spec nests deeper than ${MAX_DEPTH} levels`, at });
  let flow = 0;
  let items = 1;
  const tooMany = (at: number) => ({
    code: 'too-large' as const,
    message: `spec has more than ${formatCount(MAX_YAML_ITEMS)} lines and [...]/{...} entries`,
    at,
  });
  let lineStart = true;
  let blockDepth = 0;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (++items > MAX_YAML_ITEMS) return tooMany(i);
      lineStart = true;
      indent = 0;
      blockDepth = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) {
        indent++;
        continue;
      }
      if (c === 45 && text.charCodeAt(i + 1) === 32) {
        blockDepth++;
        if (Math.floor(indent / 2) + blockDepth > MAX_DEPTH) return tooDeep(i);
        continue;
      }
      lineStart = false;
      if (Math.floor(indent / 2) + blockDepth > MAX_DEPTH) return tooDeep(i);
    }
    if (c === 91 || c === 123) {
      if (++flow > MAX_DEPTH) return tooDeep(i);
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
    else if (c === 44 && flow > 0 && ++items > MAX_YAML_ITEMS) return tooMany(i);
  }
  return undefined;
}

/** A YAML error inside `[...]` after an unclosed call that could not be read back: say how to write it. */
function flowCallHint(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const call = /([A-Za-z_][\w.]*\s*\()[^\n]*$/.exec(before.slice(before.lastIndexOf('[') + 1));
  if (!before.includes('[') || !call || bracketDepth(call[0]) <= 0) return undefined;
  return `inside [...], quote the whole call: ["Conv2D(8, 3, padding='same')"], or write one step per line: - Conv2D(8, 3, padding='same')`;
}

function yamlMessage(message: string): string {
  return message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '');
}

/** Plain JS data for the schema validator; keys are defined, never assigned, so `__proto__` is inert. */
export function toPlain(node: Located): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const obj: Record<string, unknown> = {};
  for (const e of node.entries) Object.defineProperty(obj, e.key, { value: toPlain(e.value), enumerable: true, writable: true, configurable: true });
  return obj;
}

export function mapGet(node: Located | undefined, key: string): Located | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key)?.value;
}

/** Follows an ajv-style JSON pointer (`/layers/0/conv2d`) through the tree. */
export function nodeAtPointer(root: Located, pointer: string): { node: Located; keyAt?: SourceRef } {
  let node = root;
  let keyAt: SourceRef | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.kind === 'map') {
      const entry = node.entries.find((e) => e.key === part);
      if (!entry) break;
      keyAt = entry.keyAt;
      node = entry.value;
    } else if (node.kind === 'seq') {
      const item = node.items[Number(part)];
      if (!item) break;
      keyAt = undefined;
      node = item;
    } else break;
  }
  return { node, keyAt };
}
