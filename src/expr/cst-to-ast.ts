// Turns chevrotain's concrete syntax tree into the plain `Expr` AST, with [start, end) offsets.
import type { CstNode, IToken } from 'chevrotain';
import { expressionParser } from './grammar.js';
import { combine, type Operand, type Operator } from './operators.js';
import { unescapeString } from './strings.js';
import type { BinaryOp, CompareOp, Expr, ExprError, Kwarg, UnaryOp } from './types.js';
import { MAX_EXACT_TEXT } from '../format/format.js';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

const nodes = (ctx: Children, key: string): CstNode[] => (ctx[key] ?? []) as CstNode[];
const tokens = (ctx: Children, key: string): IToken[] => (ctx[key] ?? []) as IToken[];
const tokenEnd = (token: IToken): number => token.startOffset + token.image.length;

interface AstVisitor {
  visit(node: CstNode): Expr;
  errors: ExprError[];
}

let visitor: AstVisitor | undefined;

/** Builds the AST; semantic syntax errors (a positional after a keyword argument, …) land in `errors`. */
export function cstToAst(cst: CstNode): { value: Expr; errors: ExprError[] } {
  visitor ??= createVisitor();
  visitor.errors = [];
  const value = visitor.visit(cst);
  return { value, errors: visitor.errors };
}

function createVisitor(): AstVisitor {
  const Base = expressionParser().getBaseCstVisitorConstructor<void, Expr>();

  class AstBuilder extends Base implements AstVisitor {
    errors: ExprError[] = [];

    constructor() {
      super();
      this.validateVisitor();
    }

    expression(ctx: Children): Expr {
      const body = this.operation(ctx);
      const testNode = nodes(ctx, 'operation')[0];
      const otherwiseNode = nodes(ctx, 'expression')[0];
      if (!testNode || !otherwiseNode) return body;
      const test = this.visit(testNode);
      const otherwise = this.visit(otherwiseNode);
      return { type: 'conditional', test, then: body, otherwise, start: body.start, end: otherwise.end };
    }

    /** `operand (op operand)*`, read from an `operation` node or from the head of an `expression` node. */
    operation(ctx: Children): Expr {
      const operandNodes = nodes(ctx, 'operand');
      const single = operandNodes.length === 1 ? (operandNodes[0]!.children as Children) : undefined;
      // The common case, a lone operand without prefixes, skips precedence climbing.
      if (single && !single.PrefixOperator) return this.subscripted(single);
      const operands: Operand[] = operandNodes.map((n) => this.operandWithPrefixes(n.children as Children));
      const operators: Operator[] = tokens(ctx, 'BinaryOperator').map((tok) => ({
        op: tok.image as BinaryOp | CompareOp,
        start: tok.startOffset,
        end: tokenEnd(tok),
      }));
      return combine(operands, operators, this.errors);
    }

    operand(ctx: Children): Expr {
      return this.subscripted(ctx);
    }

    subscript(): Expr {
      throw new Error('subscript is read by subscripted');
    }

    sliceRest(): Expr {
      throw new Error('sliceRest is read by subscripted');
    }

    /** The atom followed by its `[index]` subscripts. */
    private subscripted(ctx: Children): Expr {
      let atom = this.atom(ctx);
      for (const subscript of nodes(ctx, 'subscript')) {
        const children = subscript.children as Children;
        const rest = nodes(children, 'sliceRest')[0]?.children as Children | undefined;
        const part = (from: Children | undefined, label: string): Expr | undefined => {
          const node = from && nodes(from, label)[0];
          return node ? (this.visit(node) as Expr) : undefined;
        };
        const closing = tokens(children, 'RBracket')[0];
        const end = closing ? tokenEnd(closing) : atom.end;
        const [lower, upper, step] = [part(children, 'lower'), part(rest, 'upper'), part(rest, 'step')];
        if (!rest) {
          // Only a recovered parse (reported as a syntax error) lacks the index.
          atom = { type: 'index', target: atom, index: lower ?? { type: 'none', start: end, end }, start: atom.start, end };
        } else {
          atom = { type: 'slice', target: atom, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), ...(step ? { step } : {}), start: atom.start, end };
        }
      }
      return atom;
    }

    argumentList(): Expr {
      throw new Error('argumentList is read by callArguments');
    }

    argument(): Expr {
      throw new Error('argument is read by callArguments');
    }

    items(): Expr {
      throw new Error('items is read by itemsOf');
    }

    private operandWithPrefixes(ctx: Children): Operand {
      const prefixes = tokens(ctx, 'PrefixOperator').map((tok) => ({ op: tok.image as UnaryOp, start: tok.startOffset }));
      return { prefixes, atom: this.subscripted(ctx) };
    }

    private atom(ctx: Children): Expr {
      const literal = ctx.NumberLiteral ?? ctx.StringLiteral ?? ctx.Constant;
      if (literal) return this.literal(literal[0] as IToken);
      if (ctx.Identifier) return this.nameOrCall(ctx);
      if (ctx.LBracket) return this.list(ctx);
      return this.parenthesised(ctx);
    }

    private nameOrCall(ctx: Children): Expr {
      const parts = tokens(ctx, 'Identifier');
      const name = parts.map((p) => p.image).join('.');
      const start = parts[0]!.startOffset;
      const close = tokens(ctx, 'RParen')[0];
      if (!close) return { type: 'name', name, start, end: tokenEnd(parts.at(-1)!) };
      const argumentList = nodes(ctx, 'argumentList')[0];
      const { args, kwargs } = argumentList ? this.callArguments(argumentList) : { args: [], kwargs: [] };
      return { type: 'call', callee: name, args, kwargs, start, end: tokenEnd(close) };
    }

    // (), (a), (a,), (a, b, ...)
    private parenthesised(ctx: Children): Expr {
      const span = { start: tokens(ctx, 'LParen')[0]!.startOffset, end: tokenEnd(tokens(ctx, 'RParen')[0]!) };
      const { items, hasComma } = this.itemsOf(ctx);
      // `(a)` is just `a`, as in Python, but spans its parentheses so enclosing nodes and error marks cover them.
      if (items.length === 1 && !hasComma) return { ...items[0]!, ...span };
      return { type: 'tuple', items, ...span };
    }

    private list(ctx: Children): Expr {
      const span = { start: tokens(ctx, 'LBracket')[0]!.startOffset, end: tokenEnd(tokens(ctx, 'RBracket')[0]!) };
      return { type: 'list', items: this.itemsOf(ctx).items, ...span };
    }

    private itemsOf(ctx: Children): { items: Expr[]; hasComma: boolean } {
      const itemsNode = nodes(ctx, 'items')[0];
      if (!itemsNode) return { items: [], hasComma: false };
      const children = itemsNode.children as Children;
      return { items: nodes(children, 'expression').map((n) => this.visit(n)), hasComma: tokens(children, 'Comma').length > 0 };
    }

    private literal(token: IToken): Expr {
      const span = { start: token.startOffset, end: tokenEnd(token) };
      switch (token.image) {
        case 'True':
        case 'true':
          return { type: 'bool', value: true, ...span };
        case 'False':
        case 'false':
          return { type: 'bool', value: false, ...span };
        case 'None':
        case 'null':
          return { type: 'none', ...span };
      }
      if (token.image.startsWith("'") || token.image.startsWith('"')) {
        return { type: 'string', value: unescapeString(token.image.slice(1, -1)), ...span };
      }
      const value = Number(token.image);
      if (!Number.isFinite(value)) {
        this.errors.push({ code: 'expr-value', message: `the number ${token.image} is too large`, ...span });
        return { type: 'number', value: 0, ...span };
      }
      // An integer literal (Python int) beyond 2^53 − 1 cannot be held exactly: 9007199254740993 reads as …992.
      if (/^\d+$/.test(token.image) && BigInt(token.image) !== BigInt(value)) {
        this.errors.push({
          code: 'expr-value',
          message: `the integer ${token.image} is too large to hold exactly: netspec's integers are exact up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT}`,
          ...span,
        });
        return { type: 'number', value: 0, ...span };
      }
      return { type: 'number', value, ...span };
    }

    private callArguments(listNode: CstNode): { args: Expr[]; kwargs: Kwarg[] } {
      const args: Expr[] = [];
      const kwargs: Kwarg[] = [];
      for (const argNode of nodes(listNode.children as Children, 'argument')) {
        const ctx = argNode.children as Children;
        const value = this.visit(nodes(ctx, 'expression')[0]!);
        const nameToken = tokens(ctx, 'Identifier')[0];
        if (nameToken) {
          this.checkDuplicate(kwargs, nameToken);
          kwargs.push({ name: nameToken.image, value, start: nameToken.startOffset, end: value.end });
        } else {
          if (kwargs.length > 0) {
            this.errors.push({ code: 'expr-syntax', message: 'positional argument follows keyword argument', start: value.start, end: value.end });
          }
          args.push(value);
        }
      }
      return { args, kwargs };
    }

    private checkDuplicate(kwargs: Kwarg[], nameToken: IToken): void {
      if (!kwargs.some((k) => k.name === nameToken.image)) return;
      this.errors.push({
        code: 'expr-syntax',
        message: `keyword argument repeated: '${nameToken.image}'`,
        start: nameToken.startOffset,
        end: tokenEnd(nameToken),
      });
    }
  }

  return new AstBuilder();
}
