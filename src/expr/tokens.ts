// The one lexer for expressions and call strings. Order matters: longer operators before their prefixes,
// keywords before identifiers (with `longer_alt` so `notation` stays a name).
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

const keyword = (word: string, categories?: TokenType[]): TokenType =>
  createToken({ name: word, pattern: word, longer_alt: Identifier, label: `'${word}'`, ...(categories && { categories }) });

export const Constant = createToken({ name: 'Constant', pattern: Lexer.NA });
// The parser reads operators as flat lists; precedence is resolved when building the AST (see operators.ts).
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA, label: 'an operator' });
export const PrefixOperator = createToken({ name: 'PrefixOperator', pattern: Lexer.NA, label: "'-', '+' or 'not'" });
export const True = keyword('True', [Constant]);
export const False = keyword('False', [Constant]);
export const None = keyword('None', [Constant]);
export const LowerTrue = keyword('true', [Constant]);
export const LowerFalse = keyword('false', [Constant]);
export const Null = keyword('null', [Constant]);
export const And = keyword('and', [BinaryOperator]);
export const Or = keyword('or', [BinaryOperator]);
export const Not = keyword('not', [PrefixOperator]);
export const If = keyword('if');
export const Else = keyword('else');

// A float or an int: `1`, `1.`, `.5`, `1.5e-3`, `1e+21`.
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/,
  label: 'a number',
});
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /'(?:[^'\\\n]|\\[^\n])*'|"(?:[^"\\\n]|\\[^\n])*"/,
  label: 'a string',
});

const operator = (name: string, text: string, categories?: TokenType[]): TokenType =>
  createToken({ name, pattern: text, label: `'${text}'`, ...(categories && { categories }) });

const binary = [BinaryOperator];
export const DoubleStar = operator('DoubleStar', '**', binary);
export const Star = operator('Star', '*', binary);
export const DoubleSlash = operator('DoubleSlash', '//', binary);
export const Slash = operator('Slash', '/', binary);
export const Percent = operator('Percent', '%', binary);
export const Plus = operator('Plus', '+', [BinaryOperator, PrefixOperator]);
export const Minus = operator('Minus', '-', [BinaryOperator, PrefixOperator]);
export const EqualEqual = operator('EqualEqual', '==', binary);
export const NotEqual = operator('NotEqual', '!=', binary);
export const LessEqual = operator('LessEqual', '<=', binary);
export const Less = operator('Less', '<', binary);
export const GreaterEqual = operator('GreaterEqual', '>=', binary);
export const Greater = operator('Greater', '>', binary);
export const Equals = operator('Equals', '=');
export const LParen = operator('LParen', '(');
export const RParen = operator('RParen', ')');
export const LBracket = operator('LBracket', '[');
export const RBracket = operator('RBracket', ']');
export const Comma = operator('Comma', ',');
export const Dot = operator('Dot', '.');
export const Colon = operator('Colon', ':');

const Whitespace = createToken({ name: 'Whitespace', pattern: /\s+/, group: Lexer.SKIPPED });

export const allTokens: TokenType[] = [
  Whitespace,
  NumberLiteral,
  StringLiteral,
  True,
  False,
  None,
  LowerTrue,
  LowerFalse,
  Null,
  And,
  Or,
  Not,
  If,
  Else,
  Identifier,
  DoubleStar,
  Star,
  DoubleSlash,
  Slash,
  Percent,
  Plus,
  Minus,
  EqualEqual,
  NotEqual,
  LessEqual,
  Less,
  GreaterEqual,
  Greater,
  Equals,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  Colon,
  Constant,
  BinaryOperator,
  PrefixOperator,
];

let lexer: Lexer | undefined;

/** Built on first use so importing the module stays cheap. */
export function expressionLexer(): Lexer {
  // Fixed token set, covered by tests: skip the lexer's start-up validations.
  lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
  return lexer;
}
