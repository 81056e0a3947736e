// The chevrotain grammar of one Python logical line: a simple statement, or the header of a compound
// statement (block structure is handled by statements.ts). Builds the syntax tree directly.
// Bracket nesting is bounded (MAX_NESTING) so hostile input cannot exhaust the stack.
// One file because chevrotain's rules are fields of one parser class; they read top-down as Python's
// grammar does: statements and headers, then the precedence ladder (test → … → power), then atoms.
import { EmbeddedActionsParser, MismatchedTokenException, type IToken, type TokenType } from 'chevrotain';
import type { Argument, ComprehensionClause, Expr, ImportName, Parameter, Span, Stmt } from './ast.js';
import { decodeString } from './strings.js';
import * as t from './tokens.js';

/** Brackets and prefix operators nested deeper than this are refused (Python itself stops near 200). */
export const MAX_NESTING = 60;
/** Operators and trailers (`.b`, `(…)`, `[…]`) in one chain, each a level of the tree the interpreter walks. */
export const MAX_CHAIN = 500;

export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The offset just past a token. */
export const tokenEnd = (tok: IToken): number => (tok.endOffset ?? tok.startOffset) + 1;

const span = (first: IToken | Span, last: IToken | Span): Span => ({
  start: 'startOffset' in first ? first.startOffset : first.start,
  end: 'startOffset' in last ? tokenEnd(last) : last.end,
});

function numberValue(text: string): { value: number; isFloat: boolean } {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { value: NaN, isFloat: true };
  if (/^0[xXoObB]/.test(clean)) return { value: Number(clean), isFloat: false };
  const isFloat = /[.eE]/.test(clean);
  return { value: Number(clean), isFloat };
}

export type Header =
  | { kind: 'def'; name: string; params: Parameter[] }
  | { kind: 'for'; target: Expr; iter: Expr }
  | { kind: 'if' | 'elif' | 'while'; test: Expr }
  | { kind: 'else' }
  | { kind: 'with'; items: { context: Expr; target?: Expr }[] }
  | { kind: 'class'; name: string };

export class PythonParser extends EmbeddedActionsParser {
  private depth = 0;
  private links = 0;
  tooDeepAt: IToken | undefined;

  constructor() {
    super(t.allTokens, { maxLookahead: 3, skipValidations: true, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  /** The first token not yet read (EOF after a complete parse). */
  nextToken(): IToken {
    return this.LA(1);
  }

  start(tokens: IToken[]): void {
    this.input = tokens;
    this.depth = 0;
    this.links = 0;
    this.tooDeepAt = undefined;
  }

  /** Counts links of an operator or trailer chain (`a + b + …`, `a.b.c…`); released when the chain ends. */
  private link(count: number): void {
    this.links += count;
    if (this.links <= MAX_CHAIN) return;
    this.tooDeepAt ??= this.LA(1);
    throw new MismatchedTokenException('chain too long', this.LA(1), this.LA(0));
  }

  private nest(levels: number): void {
    this.depth += levels;
    if (this.depth <= MAX_NESTING) return;
    this.tooDeepAt ??= this.LA(1);
    throw new MismatchedTokenException('nesting too deep', this.LA(1), this.LA(0));
  }

  // ---- statements -------------------------------------------------------------------------------

  simpleStatement = this.RULE('simpleStatement', (): Stmt => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(t.KwReturn);
          const value = this.OPTION(() => this.SUBRULE(this.testList));
          return this.ACTION((): Stmt => ({ kind: 'return', value, ...span(kw, value ?? kw) }));
        },
      },
      { ALT: () => this.keywordStatement(t.KwPass, 'pass') },
      { ALT: () => this.keywordStatement(t.KwBreak, 'break') },
      { ALT: () => this.keywordStatement(t.KwContinue, 'continue') },
      { ALT: () => this.SUBRULE(this.importStatement) },
      { ALT: () => this.SUBRULE(this.fromImport) },
      { ALT: () => this.SUBRULE(this.expressionStatement) },
    ]);
  });

  private keywordStatement(type: TokenType, kind: 'pass' | 'break' | 'continue'): Stmt {
    const kw = this.CONSUME(type);
    return { kind, ...span(kw, kw) };
  }

  private dottedName = this.RULE('dottedName', (): string[] => {
    const path = [this.CONSUME(t.Name).image];
    this.MANY(() => {
      this.CONSUME(t.Dot);
      path.push(this.CONSUME2(t.Name).image);
    });
    return path;
  });

  private importStatement = this.RULE('importStatement', (): Stmt => {
    const kw = this.CONSUME(t.KwImport);
    const names: ImportName[] = [];
    let last: IToken = kw;
    this.AT_LEAST_ONE_SEP({
      SEP: t.Comma,
      DEF: () => {
        const path = this.SUBRULE(this.dottedName);
        last = this.LA(0);
        const alias = this.OPTION(() => {
          this.CONSUME(t.KwAs);
          return (last = this.CONSUME(t.Name)).image;
        });
        names.push(alias === undefined ? { path } : { path, alias });
      },
    });
    return { kind: 'import', names, ...span(kw, last) };
  });

  private fromImport = this.RULE('fromImport', (): Stmt => {
    const kw = this.CONSUME(t.KwFrom);
    const dots: string[] = [];
    this.MANY(() => dots.push(this.CONSUME(t.Dot).image));
    const module = this.OPTION(() => this.SUBRULE(this.dottedName)) ?? [];
    this.CONSUME(t.KwImport);
    const names: ImportName[] = [];
    const one = (): void => {
      const name = this.CONSUME2(t.Name).image;
      const alias = this.OPTION2(() => {
        this.CONSUME(t.KwAs);
        return this.CONSUME3(t.Name).image;
      });
      names.push(alias === undefined ? { path: [name] } : { path: [name], alias });
    };
    this.OR([
      { ALT: () => this.CONSUME(t.Star) },
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: one });
          this.CONSUME(t.RParen);
        },
      },
      { ALT: () => this.AT_LEAST_ONE_SEP2({ SEP: t.Comma, DEF: one }) },
    ]);
    const last = this.LA(0);
    return this.ACTION((): Stmt => ({ kind: 'fromImport', module: [...dots.map(() => '.'), ...module], names, ...span(kw, last) }));
  });

  private expressionStatement = this.RULE('expressionStatement', (): Stmt => {
    const first = this.SUBRULE(this.testList);
    const rest: Expr[] = [];
    let aug: IToken | undefined;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            aug = this.CONSUME(t.AugAssign);
            rest.push(this.SUBRULE2(this.testList));
          },
        },
        {
          ALT: () => {
            // An annotated assignment `x: int = 3`: the annotation is read and ignored.
            this.CONSUME(t.Colon);
            this.SUBRULE(this.test);
            this.OPTION2(() => {
              this.CONSUME(t.Equals);
              rest.push(this.SUBRULE3(this.testList));
            });
          },
        },
        {
          ALT: () =>
            this.AT_LEAST_ONE(() => {
              this.CONSUME2(t.Equals);
              rest.push(this.SUBRULE4(this.testList));
            }),
        },
      ]);
    });
    return this.ACTION((): Stmt => {
      const whole = span(first, rest[rest.length - 1] ?? first);
      if (aug) return { kind: 'augassign', target: first, op: aug.image.slice(0, -1), value: rest[0] as Expr, ...whole };
      if (rest.length === 0) return { kind: 'expr', value: first, ...whole };
      const all = [first, ...rest];
      return { kind: 'assign', targets: all.slice(0, -1), value: all[all.length - 1] as Expr, ...whole };
    });
  });

  // ---- compound statement headers (up to and including the colon) ---------------------------------

  header = this.RULE('header', (): Header => {
    const h = this.OR([
      {
        ALT: (): Header => {
          this.CONSUME(t.KwDef);
          const name = this.CONSUME(t.Name).image;
          this.CONSUME(t.LParen);
          const params: Parameter[] = [];
          this.MANY_SEP({ SEP: t.Comma, DEF: () => this.OPTION(() => params.push(this.SUBRULE(this.parameter))) });
          this.CONSUME(t.RParen);
          this.OPTION2(() => {
            this.CONSUME(t.Arrow);
            this.SUBRULE(this.test);
          });
          return { kind: 'def', name, params };
        },
      },
      {
        ALT: (): Header => {
          this.CONSUME(t.KwFor);
          const target = this.SUBRULE(this.targetList);
          this.CONSUME(t.KwIn);
          const iter = this.SUBRULE(this.testList);
          return { kind: 'for', target, iter };
        },
      },
      {
        ALT: (): Header => {
          const kw = this.OR2([{ ALT: () => this.CONSUME(t.KwIf) }, { ALT: () => this.CONSUME(t.KwElif) }, { ALT: () => this.CONSUME(t.KwWhile) }]);
          const test = this.SUBRULE2(this.test);
          return this.ACTION(() => ({ kind: kw.image === 'elif' ? 'elif' : kw.image === 'while' ? 'while' : 'if', test }));
        },
      },
      {
        ALT: (): Header => {
          this.CONSUME(t.KwElse);
          return { kind: 'else' };
        },
      },
      {
        ALT: (): Header => {
          this.CONSUME(t.KwWith);
          const items: { context: Expr; target?: Expr }[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: t.Comma,
            DEF: () => {
              const context = this.SUBRULE3(this.test);
              const target = this.OPTION3(() => {
                this.CONSUME(t.KwAs);
                return this.SUBRULE(this.atomExpr);
              });
              items.push(target ? { context, target } : { context });
            },
          });
          return { kind: 'with', items };
        },
      },
      {
        ALT: (): Header => {
          this.CONSUME(t.KwClass);
          const name = this.CONSUME2(t.Name).image;
          this.OPTION4(() => {
            this.CONSUME2(t.LParen);
            this.OPTION5(() => this.SUBRULE(this.argumentList));
            this.CONSUME2(t.RParen);
          });
          return { kind: 'class', name };
        },
      },
    ]);
    this.CONSUME(t.Colon);
    return h;
  });

  // name (':' annotation)? ('=' default)?, '*' name?, '**' name; a bare '*' starts keyword-only parameters.
  private parameter = this.RULE('parameter', (): Parameter => {
    return this.OR([
      {
        ALT: () => {
          const star = this.CONSUME(t.Star);
          const name = this.OPTION(() => this.CONSUME(t.Name));
          return this.ACTION((): Parameter => ({ name: name?.image ?? '', collect: '*', ...span(star, name ?? star) }));
        },
      },
      {
        ALT: () => {
          const stars = this.CONSUME(t.DoubleStar);
          const name = this.CONSUME2(t.Name);
          return this.ACTION((): Parameter => ({ name: name.image, collect: '**', ...span(stars, name) }));
        },
      },
      {
        ALT: () => {
          const name = this.CONSUME3(t.Name);
          this.OPTION2(() => {
            this.CONSUME(t.Colon);
            this.SUBRULE(this.test);
          });
          const value = this.OPTION3(() => {
            this.CONSUME(t.Equals);
            return this.SUBRULE2(this.test);
          });
          return this.ACTION((): Parameter => (value ? { name: name.image, default: value, ...span(name, value) } : { name: name.image, ...span(name, name) }));
        },
      },
    ]);
  });

  // ---- expressions --------------------------------------------------------------------------------

  /** `a, b` (a tuple), `a` or `a,`. */
  testList = this.RULE('testList', (): Expr => {
    const items = [this.SUBRULE(this.starOrTest)];
    let trailing = false;
    this.MANY(() => {
      this.CONSUME(t.Comma);
      trailing = true;
      this.OPTION(() => {
        items.push(this.SUBRULE2(this.starOrTest));
        trailing = false;
      });
    });
    return this.ACTION((): Expr => {
      const first = items[0] as Expr;
      if (items.length === 1 && !trailing) return first;
      return { kind: 'tuple', items, ...span(first, this.LA(0)) };
    });
  });

  /** Loop targets: `i`, `i, (a, b)`. Read at the level of sums so `in` ends them. */
  private targetList = this.RULE('targetList', (): Expr => {
    const items = [this.SUBRULE(this.arith)];
    this.MANY(() => {
      this.CONSUME(t.Comma);
      items.push(this.SUBRULE2(this.arith));
    });
    return this.ACTION((): Expr =>
      items.length === 1 ? (items[0] as Expr) : { kind: 'tuple', items, ...span(items[0] as Expr, items[items.length - 1] as Expr) },
    );
  });

  private starOrTest = this.RULE('starOrTest', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const star = this.CONSUME(t.Star);
          const value = this.SUBRULE(this.arith);
          return this.ACTION((): Expr => ({ kind: 'starred', value, ...span(star, value) }));
        },
      },
      { ALT: () => this.SUBRULE(this.test) },
    ]);
  });

  test = this.RULE('test', (): Expr => {
    this.ACTION(() => this.nest(1));
    const body = this.SUBRULE(this.orTest);
    const result = this.OPTION(() => {
      this.CONSUME(t.KwIf);
      const cond = this.SUBRULE2(this.orTest);
      this.CONSUME(t.KwElse);
      const orElse = this.SUBRULE(this.test);
      return this.ACTION((): Expr => ({ kind: 'ternary', test: cond, body, orElse, ...span(body, orElse) }));
    });
    this.ACTION(() => this.nest(-1));
    return result ?? body;
  });

  private orTest = this.RULE('orTest', (): Expr => {
    let left = this.SUBRULE(this.andTest);
    let chain = 0;
    this.MANY(() => {
      this.ACTION(() => this.link(1));
      chain++;
      this.CONSUME(t.KwOr);
      const right = this.SUBRULE2(this.andTest);
      left = this.ACTION((): Expr => ({ kind: 'boolean', op: 'or', left, right, ...span(left, right) }));
    });
    this.ACTION(() => this.link(-chain));
    return left;
  });

  private andTest = this.RULE('andTest', (): Expr => {
    let left = this.SUBRULE(this.notTest);
    let chain = 0;
    this.MANY(() => {
      this.ACTION(() => this.link(1));
      chain++;
      this.CONSUME(t.KwAnd);
      const right = this.SUBRULE2(this.notTest);
      left = this.ACTION((): Expr => ({ kind: 'boolean', op: 'and', left, right, ...span(left, right) }));
    });
    this.ACTION(() => this.link(-chain));
    return left;
  });

  private notTest = this.RULE('notTest', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(t.KwNot);
          this.ACTION(() => this.nest(1));
          const operand = this.SUBRULE(this.notTest);
          this.ACTION(() => this.nest(-1));
          return this.ACTION((): Expr => ({ kind: 'unary', op: 'not', operand, ...span(kw, operand) }));
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  private comparison = this.RULE('comparison', (): Expr => {
    const first = this.SUBRULE(this.arith);
    const rest: { op: string; right: Expr }[] = [];
    let chain = 0;
    this.MANY(() => {
      this.ACTION(() => this.link(1));
      chain++;
      const op = this.OR([
        { ALT: () => this.CONSUME(t.Less).image },
        { ALT: () => this.CONSUME(t.Greater).image },
        { ALT: () => this.CONSUME(t.EqualEqual).image },
        { ALT: () => this.CONSUME(t.GreaterEqual).image },
        { ALT: () => this.CONSUME(t.LessEqual).image },
        { ALT: () => this.CONSUME(t.NotEqual).image },
        { ALT: () => this.CONSUME(t.KwIn).image },
        {
          ALT: () => {
            this.CONSUME(t.KwNot);
            this.CONSUME2(t.KwIn);
            return 'not in';
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.KwIs);
            return this.OPTION(() => this.CONSUME2(t.KwNot)) ? 'is not' : 'is';
          },
        },
      ]);
      rest.push({ op, right: this.SUBRULE2(this.arith) });
    });
    this.ACTION(() => this.link(-chain));
    return this.ACTION((): Expr =>
      rest.length === 0 ? first : { kind: 'compare', first, rest, ...span(first, (rest[rest.length - 1] as { right: Expr }).right) },
    );
  });

  private arith = this.RULE('arith', (): Expr => {
    let left = this.SUBRULE(this.term);
    let chain = 0;
    this.MANY(() => {
      this.ACTION(() => this.link(1));
      chain++;
      const op = this.OR([{ ALT: () => this.CONSUME(t.Plus) }, { ALT: () => this.CONSUME(t.Minus) }]);
      const right = this.SUBRULE2(this.term);
      left = this.ACTION((): Expr => ({ kind: 'binary', op: op.image, left, right, ...span(left, right) }));
    });
    this.ACTION(() => this.link(-chain));
    return left;
  });

  private term = this.RULE('term', (): Expr => {
    let left = this.SUBRULE(this.factor);
    let chain = 0;
    this.MANY(() => {
      this.ACTION(() => this.link(1));
      chain++;
      const op = this.OR([
        { ALT: () => this.CONSUME(t.Star) },
        { ALT: () => this.CONSUME(t.Slash) },
        { ALT: () => this.CONSUME(t.DoubleSlash) },
        { ALT: () => this.CONSUME(t.Percent) },
        { ALT: () => this.CONSUME(t.At) },
      ]);
      const right = this.SUBRULE2(this.factor);
      left = this.ACTION((): Expr => ({ kind: 'binary', op: op.image, left, right, ...span(left, right) }));
    });
    this.ACTION(() => this.link(-chain));
    return left;
  });

  private factor = this.RULE('factor', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const op = this.OR2([{ ALT: () => this.CONSUME(t.Plus) }, { ALT: () => this.CONSUME(t.Minus) }, { ALT: () => this.CONSUME(t.Tilde) }]);
          this.ACTION(() => this.nest(1));
          const operand = this.SUBRULE(this.factor);
          this.ACTION(() => this.nest(-1));
          return this.ACTION((): Expr => ({ kind: 'unary', op: op.image, operand, ...span(op, operand) }));
        },
      },
      { ALT: () => this.SUBRULE(this.power) },
    ]);
  });

  private power = this.RULE('power', (): Expr => {
    const base = this.SUBRULE(this.atomExpr);
    const exponent = this.OPTION(() => {
      this.CONSUME(t.DoubleStar);
      this.ACTION(() => this.nest(1));
      const e = this.SUBRULE(this.factor);
      this.ACTION(() => this.nest(-1));
      return e;
    });
    return this.ACTION((): Expr => (exponent ? { kind: 'binary', op: '**', left: base, right: exponent, ...span(base, exponent) } : base));
  });

  atomExpr = this.RULE('atomExpr', (): Expr => {
    let value = this.SUBRULE(this.atom);
    let chain = 0;
    this.MANY(() => {
      this.ACTION(() => this.link(1));
      chain++;
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.LParen);
            const args = this.OPTION(() => this.SUBRULE(this.argumentList)) ?? [];
            const close = this.CONSUME(t.RParen);
            value = this.ACTION((): Expr => ({ kind: 'call', callee: value, args, ...span(value, close) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.LBracket);
            const index = this.SUBRULE(this.subscriptList);
            const close = this.CONSUME(t.RBracket);
            value = this.ACTION((): Expr => ({ kind: 'subscript', object: value, index, ...span(value, close) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.Dot);
            const attr = this.CONSUME(t.Name);
            value = this.ACTION((): Expr => ({ kind: 'attribute', object: value, attr: attr.image, ...span(value, attr) }));
          },
        },
      ]);
    });
    this.ACTION(() => this.link(-chain));
    return value;
  });

  private subscriptList = this.RULE('subscriptList', (): Expr => {
    const items = [this.SUBRULE(this.subscriptItem)];
    let comma = false;
    this.MANY(() => {
      this.CONSUME(t.Comma);
      comma = true;
      this.OPTION(() => items.push(this.SUBRULE2(this.subscriptItem)));
    });
    return this.ACTION((): Expr =>
      items.length === 1 && !comma ? (items[0] as Expr) : { kind: 'tuple', items, ...span(items[0] as Expr, items[items.length - 1] as Expr) },
    );
  });

  private subscriptItem = this.RULE('subscriptItem', (): Expr => {
    const startToken = this.LA(1);
    const lower = this.OPTION(() => this.SUBRULE(this.test));
    const slice = this.OPTION2(() => {
      this.CONSUME(t.Colon);
      const upper = this.OPTION3(() => this.SUBRULE2(this.test));
      const step = this.OPTION4(() => {
        this.CONSUME2(t.Colon);
        return this.OPTION5(() => this.SUBRULE3(this.test));
      });
      return { upper, step };
    });
    return this.ACTION((): Expr => {
      if (!slice) return lower as Expr;
      const s: Expr = { kind: 'slice', ...span(startToken, this.LA(0)) };
      if (lower) s.lower = lower;
      if (slice.upper) s.upper = slice.upper;
      if (slice.step) s.step = slice.step;
      return s;
    });
  });

  argumentList = this.RULE('argumentList', (): Argument[] => {
    const args: Argument[] = [];
    args.push(this.SUBRULE(this.argument));
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.OPTION(() => args.push(this.SUBRULE2(this.argument)));
    });
    return args;
  });

  private argument = this.RULE('argument', (): Argument => {
    return this.OR([
      {
        ALT: () => {
          const name = this.CONSUME(t.Name);
          this.CONSUME(t.Equals);
          const value = this.SUBRULE(this.test);
          return this.ACTION((): Argument => ({ name: name.image, value, ...span(name, value) }));
        },
      },
      {
        ALT: () => {
          const star = this.OR2([{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.CONSUME(t.DoubleStar) }]);
          const value = this.SUBRULE2(this.test);
          return this.ACTION((): Argument => ({ value, unpack: star.image === '*' ? '*' : '**', ...span(star, value) }));
        },
      },
      {
        ALT: () => {
          const value = this.SUBRULE3(this.test);
          const clauses = this.OPTION(() => this.SUBRULE(this.comprehensionClauses));
          return this.ACTION((): Argument => {
            if (!clauses) return { value, ...span(value, value) };
            const gen: Expr = { kind: 'comprehension', of: 'tuple', element: value, clauses, ...span(value, this.LA(0)) };
            return { value: gen, ...span(gen, gen) };
          });
        },
      },
    ]);
  });

  private comprehensionClauses = this.RULE('comprehensionClauses', (): ComprehensionClause[] => {
    const clauses: ComprehensionClause[] = [];
    this.AT_LEAST_ONE(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.KwFor);
            const target = this.SUBRULE(this.targetList);
            this.CONSUME(t.KwIn);
            const iter = this.SUBRULE(this.orTest);
            clauses.push({ kind: 'for', target, iter });
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.KwIf);
            clauses.push({ kind: 'if', test: this.SUBRULE2(this.orTest) });
          },
        },
      ]);
    });
    return clauses;
  });

  // One rule per bracket kind: a rule's DSL calls are numbered per rule, so the shared body cannot be called twice in one.
  private parenthesis = this.RULE('parenthesis', (): Expr => this.bracketItems(t.LParen, t.RParen, 'tuple'));
  private listDisplay = this.RULE('listDisplay', (): Expr => this.bracketItems(t.LBracket, t.RBracket, 'list'));

  /** Items of a parenthesis or list: a single value, a tuple/list, or a comprehension. */
  private bracketItems(openType: TokenType, close: TokenType, of: 'tuple' | 'list'): Expr {
    const open = this.CONSUME(openType);
    this.ACTION(() => this.nest(1));
    const items: Expr[] = [];
    let comma = false;
    let clauses: ComprehensionClause[] | undefined;
    this.OPTION(() => {
      items.push(this.SUBRULE(this.starOrTest));
      this.OR([
        { ALT: () => (clauses = this.SUBRULE(this.comprehensionClauses)) },
        {
          ALT: () =>
            this.MANY(() => {
              this.CONSUME(t.Comma);
              comma = true;
              this.OPTION2(() => items.push(this.SUBRULE2(this.starOrTest)));
            }),
        },
      ]);
    });
    const end = this.CONSUME(close);
    this.ACTION(() => this.nest(-1));
    return this.ACTION((): Expr => {
      const whole = span(open, end);
      if (clauses) return { kind: 'comprehension', of, element: items[0] as Expr, clauses, ...whole };
      if (of === 'tuple' && items.length === 1 && !comma) return items[0] as Expr;
      return { kind: of, items, ...whole };
    });
  }

  private atom = this.RULE('atom', (): Expr => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.parenthesis) },
      { ALT: () => this.SUBRULE(this.listDisplay) },
      {
        ALT: () => {
          const open = this.CONSUME(t.LBrace);
          this.ACTION(() => this.nest(1));
          const entries: [Expr, Expr][] = [];
          this.MANY_SEP({
            SEP: t.Comma,
            DEF: () =>
              this.OPTION3(() => {
                const key = this.SUBRULE3(this.test);
                this.CONSUME(t.Colon);
                entries.push([key, this.SUBRULE4(this.test)]);
              }),
          });
          const close = this.CONSUME(t.RBrace);
          this.ACTION(() => this.nest(-1));
          return this.ACTION((): Expr => ({ kind: 'dict', entries, ...span(open, close) }));
        },
      },
      {
        ALT: () => {
          const tok = this.CONSUME(t.Name);
          return this.ACTION((): Expr => ({ kind: 'name', id: tok.image, ...span(tok, tok) }));
        },
      },
      {
        ALT: () => {
          const tok = this.CONSUME(t.NumberLiteral);
          return this.ACTION((): Expr => ({ kind: 'number', text: tok.image, ...numberValue(tok.image), ...span(tok, tok) }));
        },
      },
      {
        ALT: () => {
          const parts: IToken[] = [];
          this.AT_LEAST_ONE(() => parts.push(this.CONSUME(t.StringLiteral)));
          return this.ACTION((): Expr => stringExpr(parts));
        },
      },
      { ALT: () => this.constant(t.KwNone, null) },
      { ALT: () => this.constant(t.KwTrue, true) },
      { ALT: () => this.constant(t.KwFalse, false) },
      { ALT: () => this.constant(t.Ellipsis, 'ellipsis') },
    ]);
  });

  private constant(type: TokenType, value: null | boolean | 'ellipsis'): Expr {
    const tok = this.CONSUME(type);
    return { kind: 'constant', value, ...span(tok, tok) };
  }
}

/** Adjacent string literals concatenate; any f-string among them makes the whole an f-string. */
function stringExpr(tokens: IToken[]): Expr {
  const parts: (string | { code: string; offset: number })[] = [];
  let isF = false;
  for (const tok of tokens) {
    const decoded = decodeString(tok.image, tok.startOffset);
    if ('error' in decoded) throw new SyntaxProblem(decoded.error, decoded.offset);
    if (decoded.fstring) {
      isF = true;
      parts.push(...decoded.fstring);
    } else parts.push(decoded.value);
  }
  const whole = span(tokens[0] as IToken, tokens[tokens.length - 1] as IToken);
  if (!isF) return { kind: 'string', value: parts.join(''), ...whole };
  return { kind: 'fstring', parts, ...whole };
}
