// Python source → statements. The layout pass gives NEWLINE/INDENT/DEDENT; this module cuts the token
// stream into statements and blocks and asks the grammar to read each logical line on its own, so a line
// netspec cannot parse (a lambda, a decorator, a try block) becomes one `unsupported` statement at its
// place instead of failing the file: it only matters if the model depends on it.
import { EOF, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Expr, Stmt } from './ast.js';
import { PythonParser, SyntaxProblem, tokenEnd, type Header } from './grammar.js';
import { applyLayout } from './indentation.js';
import * as t from './tokens.js';

export interface ParsedModule {
  body: Stmt[];
  /** Lexing and layout errors (an unclosed bracket, a bad dedent): the file cannot be read reliably. */
  errors: { message: string; offset: number }[];
}

let parser: PythonParser | undefined;
const theParser = (): PythonParser => (parser ??= new PythonParser());

const is = (tok: IToken | undefined, type: TokenType): boolean => tok !== undefined && tokenMatcher(tok, type);

function describe(tok: IToken | undefined): string {
  if (!tok || tok.tokenType === undefined || tok.image === '') return 'the end of the line';
  return `'${tok.image.length > 30 ? `${tok.image.slice(0, 30)}…` : tok.image}'`;
}

/** Runs one grammar rule over exactly `tokens`; a problem becomes a message at an offset. */
function runRule<T>(tokens: IToken[], rule: (p: PythonParser) => T): T | SyntaxProblem {
  const p = theParser();
  p.start(tokens);
  let result: T;
  try {
    result = rule(p);
  } catch (err) {
    if (err instanceof SyntaxProblem) return err;
    throw err;
  }
  if (p.tooDeepAt) return new SyntaxProblem('brackets or operators nested too deeply (or chained too long) to read', p.tooDeepAt.startOffset);
  const error = p.errors[0];
  if (error) return new SyntaxProblem(`unexpected ${describe(error.token)}`, offsetOf(error.token, tokens));
  return result;
}

function offsetOf(tok: IToken | undefined, tokens: IToken[]): number {
  if (tok && Number.isFinite(tok.startOffset)) return tok.startOffset;
  const last = tokens[tokens.length - 1];
  return last ? tokenEnd(last) : 0;
}

/** Parses a rule and requires it to use every token. */
function parseAll<T>(tokens: IToken[], rule: (p: PythonParser) => T): T | SyntaxProblem {
  const p = theParser();
  const result = runRule(tokens, rule);
  if (result instanceof SyntaxProblem) return result;
  const next = p.nextToken();
  if (next.tokenType !== EOF) {
    return new SyntaxProblem(`unexpected ${describe(next)}`, next.startOffset);
  }
  return result;
}

/** One f-string field or other expression source at `offset` of the file. */
export function parseExpressionAt(code: string, offset: number): Expr | SyntaxProblem {
  const lexed = t.pythonLexer().tokenize(code);
  const first = lexed.errors[0];
  if (first) return new SyntaxProblem('this f-string field cannot be read', offset + first.offset);
  const tokens = lexed.tokens
    .filter((tok) => !tokenMatcher(tok, t.Newline))
    .map((tok) => ({ ...tok, startOffset: tok.startOffset + offset, endOffset: (tok.endOffset ?? tok.startOffset) + offset }));
  return parseAll(tokens, (p) => p.testList());
}

export function parseModule(text: string): ParsedModule {
  const lexed = t.pythonLexer().tokenize(text);
  const errors = lexed.errors.map((e) => ({ message: `'${text.slice(e.offset, e.offset + 1)}' cannot start a Python token here`, offset: e.offset }));
  const layout = applyLayout(text, lexed.tokens);
  errors.push(...layout.errors);
  const reader = new BlockReader(layout.tokens);
  return { body: reader.block(false), errors };
}

/** Blocks nested deeper than this are skipped whole (each level is a level of recursion when read and run). */
export const MAX_BLOCK_DEPTH = 100;

class BlockReader {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: IToken[]) {}

  /** Skips from just after an INDENT to its matching DEDENT without recursion. */
  private skipIndented(): void {
    let open = 1;
    while (this.i < this.tokens.length && open > 0) {
      const tok = this.tokens[this.i++];
      if (is(tok, t.Indent)) open++;
      else if (is(tok, t.Dedent)) open--;
    }
  }

  /** The statements of an indented block (the INDENT already read), or one `unsupported` past MAX_BLOCK_DEPTH. */
  private nestedBlock(at: number): Stmt[] {
    if (this.depth >= MAX_BLOCK_DEPTH) {
      this.skipIndented();
      return [{ kind: 'unsupported', what: `blocks nested deeper than ${MAX_BLOCK_DEPTH} levels`, at, start: at, end: this.lastEnd(this.tokens[0] as IToken) }];
    }
    this.depth++;
    try {
      return this.block(true);
    } finally {
      this.depth--;
    }
  }

  /** Statements until the matching DEDENT (inside a block) or the end. */
  block(nested: boolean): Stmt[] {
    const body: Stmt[] = [];
    while (this.i < this.tokens.length) {
      const tok = this.tokens[this.i];
      if (is(tok, t.Dedent)) {
        this.i++;
        if (nested) return body;
        continue;
      }
      if (is(tok, t.Indent)) {
        const start = tok?.startOffset ?? 0;
        this.i++;
        this.skipIndented();
        body.push({ kind: 'unsupported', what: 'an indented block that follows no statement', at: start, start, end: start });
        continue;
      }
      body.push(...this.statement());
    }
    return body;
  }

  /** The end of the last token read (synthetic DEDENTs have no width, so this is the last real text). */
  private lastEnd(fallback: IToken): number {
    for (let j = this.i - 1; j >= 0; j--) {
      const tok = this.tokens[j] as IToken;
      if (tok.image !== '') return tokenEnd(tok);
    }
    return tokenEnd(fallback);
  }

  /** Tokens of the current logical line (without its NEWLINE), advancing past it. */
  private line(): IToken[] {
    const start = this.i;
    while (this.i < this.tokens.length && !is(this.tokens[this.i], t.Newline)) this.i++;
    const line = this.tokens.slice(start, this.i);
    this.i++;
    return line;
  }

  /** The indented body after a header line, or the rest of the header line (`if x: return y`). */
  private body(inline: IToken[]): Stmt[] {
    if (inline.length > 0) return this.simpleStatements(inline);
    if (!is(this.tokens[this.i], t.Indent)) {
      const at = this.tokens[this.i]?.startOffset ?? 0;
      return [{ kind: 'unsupported', what: 'a block statement without its indented body', at, start: at, end: at }];
    }
    const at = this.tokens[this.i]?.startOffset ?? 0;
    this.i++;
    return this.nestedBlock(at);
  }

  private statement(): Stmt[] {
    const line = this.line();
    const first = line[0];
    if (!first) return [];
    const compound = [t.KwDef, t.KwFor, t.KwIf, t.KwWith, t.KwClass, t.KwWhile, t.KwElse, t.KwElif].some((k) => is(first, k));
    const blockOpener = is(line[line.length - 1], t.Colon) || compound;
    if (!compound) {
      if (blockOpener || is(first, t.At)) return [this.skipBlock(line, first)];
      return this.simpleStatements(line);
    }
    const colon = headerColon(line);
    if (colon < 0) return [this.skipBlock(line, first, `unexpected ${describe(line[line.length - 1])}: a block statement ends its first line with ':'`)];
    const header = parseAll(line.slice(0, colon + 1), (p) => p.header());
    const body = this.body(line.slice(colon + 1));
    const whole = { start: first.startOffset, end: this.lastEnd(first) };
    if (header instanceof SyntaxProblem) return [{ kind: 'unsupported', what: header.message, at: header.offset, ...whole }];
    return [this.compound(header, body, first, whole)];
  }

  private compound(header: Header, body: Stmt[], first: IToken, whole: { start: number; end: number }): Stmt {
    switch (header.kind) {
      case 'def':
        return { kind: 'def', name: header.name, params: header.params, body, ...whole };
      case 'class':
        return { kind: 'class', name: header.name, ...whole };
      case 'for': {
        const orElse = this.elseClause();
        return { kind: 'for', target: header.target, iter: header.iter, body, orElse, ...whole };
      }
      case 'if': {
        const orElse = this.elseClause();
        return { kind: 'if', test: header.test, body, orElse, ...whole };
      }
      case 'with':
        return { kind: 'with', items: header.items, body, ...whole };
      case 'while':
        return { kind: 'unsupported', what: "'while' loops", at: first.startOffset, ...whole };
      case 'elif':
      case 'else':
        return { kind: 'unsupported', what: `'${header.kind}' without an 'if' before it`, at: first.startOffset, ...whole };
    }
  }

  /** An `elif`/`else` clause following an `if` or `for` block, as the else-branch statements. */
  private elseClause(): Stmt[] {
    const next = this.tokens[this.i];
    if (!next || (!is(next, t.KwElif) && !is(next, t.KwElse))) return [];
    const line = this.line();
    const colon = headerColon(line);
    const header =
      colon < 0 ? new SyntaxProblem(`unexpected ${describe(line[line.length - 1])}`, next.startOffset) : parseAll(line.slice(0, colon + 1), (p) => p.header());
    const body = this.body(colon < 0 ? [] : line.slice(colon + 1));
    const whole = { start: next.startOffset, end: this.lastEnd(next) };
    if (header instanceof SyntaxProblem) return [{ kind: 'unsupported', what: header.message, at: header.offset, ...whole }];
    if (header.kind === 'else') return body;
    if (header.kind !== 'elif') return [{ kind: 'unsupported', what: 'a clause netspec does not read', at: next.startOffset, ...whole }];
    return [{ kind: 'if', test: header.test, body, orElse: this.elseClause(), ...whole }];
  }

  /** A block statement netspec does not read (`try:`, a decorator): its body is skipped with it. */
  private skipBlock(line: IToken[], first: IToken, what?: string): Stmt {
    let end = tokenEnd(line[line.length - 1] ?? first);
    if (is(line[line.length - 1], t.Colon) && is(this.tokens[this.i], t.Indent)) {
      this.i++;
      this.skipIndented();
      end = this.lastEnd(first);
    }
    // A decorator belongs to the definition under it.
    if (is(first, t.At) && this.i < this.tokens.length) {
      const next = this.statement();
      end = next[next.length - 1]?.end ?? end;
    }
    // `try:` carries on with `except`/`finally`/`else` clauses.
    while (this.i < this.tokens.length && ['except', 'finally'].includes(this.tokens[this.i]?.image ?? '')) {
      const clause = this.line();
      if (is(this.tokens[this.i], t.Indent) && is(clause[clause.length - 1], t.Colon)) {
        this.i++;
        this.skipIndented();
      }
      end = this.lastEnd(first);
    }
    return { kind: 'unsupported', what: what ?? `${describe(first)} statements`, at: first.startOffset, start: first.startOffset, end };
  }

  private simpleStatements(line: IToken[]): Stmt[] {
    const out: Stmt[] = [];
    let start = 0;
    for (let j = 0; j <= line.length; j++) {
      if (j < line.length && !is(line[j], t.Semicolon)) continue;
      const part = line.slice(start, j);
      start = j + 1;
      if (part.length === 0) continue;
      const first = part[0] as IToken;
      const last = part[part.length - 1] as IToken;
      const stmt = parseAll(part, (p) => p.simpleStatement());
      out.push(
        stmt instanceof SyntaxProblem ? { kind: 'unsupported', what: stmt.message, at: stmt.offset, start: first.startOffset, end: tokenEnd(last) } : stmt,
      );
    }
    return out;
  }
}

/** Index of the colon that ends a compound statement's header: the first one outside brackets. */
function headerColon(line: IToken[]): number {
  let depth = 0;
  for (let j = 0; j < line.length; j++) {
    const tok = line[j];
    if (is(tok, t.LParen) || is(tok, t.LBracket) || is(tok, t.LBrace)) depth++;
    else if (is(tok, t.RParen) || is(tok, t.RBracket) || is(tok, t.RBrace)) depth--;
    else if (depth === 0 && is(tok, t.Colon)) return j;
    else if (depth === 0 && is(tok, t.KwLambda)) return -1;
  }
  return -1;
}
