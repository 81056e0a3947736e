// Python's tokens, as far as model-building code needs them. The lexer recognises every token of the
// language (so data loading and training code lexes too and can be skipped statement by statement);
// the grammar reads a subset. Newlines and indentation become NEWLINE/INDENT/DEDENT in indentation.ts.
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const Name = createToken({ name: 'Name', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

const keyword = (word: string): TokenType => createToken({ name: `Kw_${word}`, pattern: word, longer_alt: Name, label: `'${word}'` });

export const KwDef = keyword('def');
export const KwReturn = keyword('return');
export const KwFor = keyword('for');
export const KwIn = keyword('in');
export const KwIf = keyword('if');
export const KwElif = keyword('elif');
export const KwElse = keyword('else');
export const KwNot = keyword('not');
export const KwAnd = keyword('and');
export const KwOr = keyword('or');
export const KwIs = keyword('is');
export const KwNone = keyword('None');
export const KwTrue = keyword('True');
export const KwFalse = keyword('False');
export const KwPass = keyword('pass');
export const KwImport = keyword('import');
export const KwFrom = keyword('from');
export const KwAs = keyword('as');
export const KwWith = keyword('with');
export const KwClass = keyword('class');
export const KwLambda = keyword('lambda');
export const KwWhile = keyword('while');
export const KwBreak = keyword('break');
export const KwContinue = keyword('continue');
// Keywords netspec does not follow; lexed so they are named in diagnostics rather than read as names.
const otherKeywords = ['try', 'except', 'finally', 'raise', 'global', 'nonlocal', 'del', 'assert', 'yield', 'async', 'await'].map(keyword);

// Strings: optional prefix, then triple- or single-quoted. f-strings are split into parts by the parser.
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])?(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\[\s\S])*'|"(?:[^"\\\n]|\\[\s\S])*")/,
  label: 'a string',
});
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?/,
  label: 'a number',
});

export const Newline = createToken({ name: 'Newline', pattern: /\r?\n|\r/, label: 'end of line' });
export const Indent = createToken({ name: 'Indent', pattern: Lexer.NA, label: 'an indented block' });
export const Dedent = createToken({ name: 'Dedent', pattern: Lexer.NA, label: 'the end of the indented block' });
const Spaces = createToken({ name: 'Spaces', pattern: /[ \t\f]+/, group: Lexer.SKIPPED });
const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });
const Continuation = createToken({ name: 'Continuation', pattern: /\\(?:\r?\n|\r)/, group: Lexer.SKIPPED });

const op = (name: string, text: string): TokenType => createToken({ name, pattern: text, label: `'${text}'` });

export const AugAssign = createToken({ name: 'AugAssign', pattern: /\*\*=|\/\/=|>>=|<<=|[-+*/%@&|^]=/, label: 'an augmented assignment' });
export const Arrow = op('Arrow', '->');
export const Walrus = op('Walrus', ':=');
export const Ellipsis = op('Ellipsis', '...');
export const DoubleStar = op('DoubleStar', '**');
export const DoubleSlash = op('DoubleSlash', '//');
export const Shift = createToken({ name: 'Shift', pattern: /<<|>>/, label: 'a shift' });
export const EqualEqual = op('EqualEqual', '==');
export const NotEqual = op('NotEqual', '!=');
export const LessEqual = op('LessEqual', '<=');
export const GreaterEqual = op('GreaterEqual', '>=');
export const Less = op('Less', '<');
export const Greater = op('Greater', '>');
export const Star = op('Star', '*');
export const Slash = op('Slash', '/');
export const Percent = op('Percent', '%');
export const At = op('At', '@');
export const Plus = op('Plus', '+');
export const Minus = op('Minus', '-');
export const Tilde = op('Tilde', '~');
export const Ampersand = op('Ampersand', '&');
export const Pipe = op('Pipe', '|');
export const Caret = op('Caret', '^');
export const Equals = op('Equals', '=');
export const LParen = op('LParen', '(');
export const RParen = op('RParen', ')');
export const LBracket = op('LBracket', '[');
export const RBracket = op('RBracket', ']');
export const LBrace = op('LBrace', '{');
export const RBrace = op('RBrace', '}');
export const Comma = op('Comma', ',');
export const Colon = op('Colon', ':');
export const Semicolon = op('Semicolon', ';');
export const Dot = op('Dot', '.');

export const allTokens: TokenType[] = [
  Newline,
  Spaces,
  Comment,
  Continuation,
  StringLiteral,
  NumberLiteral,
  KwDef,
  KwReturn,
  KwFor,
  KwIn,
  KwIf,
  KwElif,
  KwElse,
  KwNot,
  KwAnd,
  KwOr,
  KwIs,
  KwNone,
  KwTrue,
  KwFalse,
  KwPass,
  KwImport,
  KwFrom,
  KwAs,
  KwWith,
  KwClass,
  KwLambda,
  KwWhile,
  KwBreak,
  KwContinue,
  ...otherKeywords,
  Name,
  AugAssign,
  Arrow,
  Walrus,
  Ellipsis,
  DoubleStar,
  DoubleSlash,
  Shift,
  EqualEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Star,
  Slash,
  Percent,
  At,
  Plus,
  Minus,
  Tilde,
  Ampersand,
  Pipe,
  Caret,
  Equals,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Semicolon,
  Dot,
  Indent,
  Dedent,
];

let lexer: Lexer | undefined;

/** Built on first use so importing the module stays cheap. */
export function pythonLexer(): Lexer {
  lexer ??= new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false, skipValidations: true });
  return lexer;
}
