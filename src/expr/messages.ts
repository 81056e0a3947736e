// Student-readable syntax errors. Chevrotain's own messages name token types and grammar paths; these name
// what was found and what would have fitted, e.g. "unexpected ')' at column 12: expected an expression".
import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as t from './tokens.js';

const EXPECTED_EXPRESSION = 'expected an expression';

function expectedLabel(tokenType: TokenType): string {
  return tokenType.LABEL ?? tokenType.name;
}

/** Returns only the "expected …" part; `syntaxErrorMessage` adds what was found and where. */
export const friendlyMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, previous }) {
    if (expected !== t.RParen && expected !== t.RBracket) return `expected ${expectedLabel(expected)}`;
    const afterSeparator = tokenMatcher(previous, t.Comma) || tokenMatcher(previous, t.LParen) || tokenMatcher(previous, t.LBracket);
    return afterSeparator ? `expected an expression or ${expectedLabel(expected)}` : `expected ',' or ${expectedLabel(expected)}`;
  },
  buildNotAllInputParsedMessage() {
    return 'expected an operator or the end of the expression';
  },
  buildNoViableAltMessage() {
    return EXPECTED_EXPRESSION;
  },
  buildEarlyExitMessage() {
    return EXPECTED_EXPRESSION;
  },
};

/** 1-based column of `offset` within its line (expressions are usually one line, but YAML allows more). */
export function columnOf(source: string, offset: number): number {
  return offset - (source.lastIndexOf('\n', offset - 1) + 1) + 1;
}

export function describeToken(token: IToken): string {
  if (tokenMatcher(token, EOF)) return 'end of input';
  if (tokenMatcher(token, t.Identifier)) return `name '${token.image}'`;
  if (tokenMatcher(token, t.NumberLiteral)) return `number ${token.image}`;
  if (tokenMatcher(token, t.StringLiteral)) return `string ${token.image}`;
  return `'${token.image}'`;
}

/** Hints for input that is not part of the language but looks like Python that is. */
export function notAllInputParsedHint(token: IToken): string | undefined {
  if (tokenMatcher(token, t.Equals)) return "use '==' to compare";
  if (tokenMatcher(token, t.Dot)) return 'attributes can only be read from plain dotted names like a.b';
  return undefined;
}

export function syntaxErrorMessage(source: string, token: IToken, expected: string, offset: number): string {
  return `unexpected ${describeToken(token)} at column ${columnOf(source, offset)}: ${expected}`;
}
