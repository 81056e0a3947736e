// Entry points for parsing: a value expression, or a step written as a Keras-style call string.
import { EOF, tokenMatcher, type ILexingError, type IRecognitionException, type IToken } from 'chevrotain';
import { cstToAst } from './cst-to-ast.js';
import { expressionParser } from './grammar.js';
import { columnOf, notAllInputParsedHint, syntaxErrorMessage } from './messages.js';
import * as t from './tokens.js';
import { MAX_NESTING, MAX_SOURCE_LENGTH, type CallExpr, type Expr, type ExprError, type Result } from './types.js';

export function parseExpression(source: string): Result<Expr> {
  if (source.length > MAX_SOURCE_LENGTH) {
    return syntaxError(`expression is too long (${source.length} characters; at most ${MAX_SOURCE_LENGTH})`, 0, source.length);
  }
  const lexed = t.expressionLexer().tokenize(source);
  if (lexed.errors.length > 0) return { errors: lexed.errors.map((e) => lexingError(source, e)) };
  if (lexed.tokens.length === 0) return syntaxError('empty expression: expected a value or a name', 0, source.length);
  return parseTokens(source, lexed.tokens);
}

export function parseCallStep(source: string): Result<CallExpr & { bare: boolean }> {
  const parsed = parseExpression(source);
  const expr = parsed.value;
  if (!expr) return { errors: parsed.errors };
  if (expr.type === 'name') {
    return { value: { type: 'call', callee: expr.name, args: [], kwargs: [], start: expr.start, end: expr.end, bare: true }, errors: parsed.errors };
  }
  if (expr.type === 'call') return { value: { ...expr, bare: false }, errors: parsed.errors };
  return syntaxError(`a step must be a layer name like 'relu' or a call like 'Conv2D(32, 3)', not ${describeExpr(expr)}`, expr.start, expr.end);
}

function parseTokens(source: string, tokens: IToken[]): Result<Expr> {
  const parser = expressionParser();
  parser.startParsing(tokens);
  const cst = parser.expression();
  if (parser.tooDeepAt) {
    const { startOffset, image } = parser.tooDeepAt;
    return syntaxError(`expression is nested too deeply (more than ${MAX_NESTING} levels)`, startOffset, startOffset + image.length);
  }
  if (parser.errors.length > 0) return { errors: [recognitionError(source, parser.errors[0]!)] };
  const ast = cstToAst(cst);
  return ast.errors.length > 0 ? { errors: ast.errors } : { value: ast.value, errors: [] };
}

function recognitionError(source: string, error: IRecognitionException): ExprError {
  const token = error.token;
  const atEnd = tokenMatcher(token, EOF);
  const start = atEnd ? source.length : token.startOffset;
  const end = atEnd ? source.length : token.startOffset + token.image.length;
  if (error.name === 'NotAllInputParsedException') return leftoverError(source, token, start, end);
  return { code: 'expr-syntax', message: syntaxErrorMessage(source, token, error.message, start), start, end };
}

/** Input that parsed as a whole expression but then went on: `f(1))`, `a b`, `x[0]`, `a = 1`. */
function leftoverError(source: string, token: IToken, start: number, end: number): ExprError {
  const column = columnOf(source, start);
  if (tokenMatcher(token, t.RParen) || tokenMatcher(token, t.RBracket)) {
    return { code: 'expr-syntax', message: `unmatched '${token.image}' at column ${column}`, start, end };
  }
  const hint = notAllInputParsedHint(token);
  const message = syntaxErrorMessage(source, token, hint ?? 'expected an operator or the end of the expression', start);
  return { code: 'expr-syntax', message, start, end };
}

function lexingError(source: string, error: ILexingError): ExprError {
  const start = error.offset;
  const char = source[start]!;
  const column = columnOf(source, start);
  if (char === "'" || char === '"') {
    const lineEnd = source.indexOf('\n', start);
    return { code: 'expr-syntax', message: `unterminated string starting at column ${column}`, start, end: lineEnd < 0 ? source.length : lineEnd };
  }
  return { code: 'expr-syntax', message: `unexpected character '${char}' at column ${column}`, start, end: start + 1 };
}

function syntaxError(message: string, start: number, end: number): { errors: ExprError[] } {
  return { errors: [{ code: 'expr-syntax', message, start, end }] };
}

function describeExpr(expr: Expr): string {
  switch (expr.type) {
    case 'number':
      return `the number ${expr.value}`;
    case 'string':
      return 'a string';
    case 'tuple':
    case 'list':
      return `a ${expr.type}`;
    default:
      return 'an expression';
  }
}
