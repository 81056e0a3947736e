// Python's layout rules on top of the chevrotain token stream: newlines inside brackets join lines, blank
// and comment-only lines are ignored, and a change of indentation at the start of a logical line becomes
// INDENT or DEDENT tokens. Linear in the number of tokens.
import { createTokenInstance, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import * as t from './tokens.js';

export interface LayoutError {
  message: string;
  offset: number;
}

const OPENERS = [t.LParen, t.LBracket, t.LBrace];
const CLOSERS = [t.RParen, t.RBracket, t.RBrace];

function synthetic(type: TokenType, at: number, like: IToken | undefined): IToken {
  return createTokenInstance(type, '', at, at, like?.startLine ?? 1, like?.startLine ?? 1, like?.startColumn ?? 1, like?.startColumn ?? 1);
}

/** The indentation width of the line holding `offset` (a tab advances to the next multiple of 8, as in Python). */
function indentWidth(text: string, offset: number): number {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let width = 0;
  for (let i = lineStart; i < offset; i++) width = text[i] === '\t' ? width + 8 - (width % 8) : width + 1;
  return width;
}

/** Inserts NEWLINE/INDENT/DEDENT; raw Newline tokens inside brackets or on empty lines are dropped. */
export function applyLayout(text: string, raw: IToken[]): { tokens: IToken[]; errors: LayoutError[] } {
  const tokens: IToken[] = [];
  const errors: LayoutError[] = [];
  const stack = [0];
  let depth = 0;
  let atLineStart = true;
  for (const token of raw) {
    if (tokenMatcher(token, t.Newline)) {
      if (depth === 0 && !atLineStart) {
        tokens.push(token);
        atLineStart = true;
      }
      continue;
    }
    if (atLineStart && depth === 0) {
      const width = indentWidth(text, token.startOffset);
      const top = stack[stack.length - 1] ?? 0;
      if (width > top) {
        stack.push(width);
        tokens.push(synthetic(t.Indent, token.startOffset, token));
      } else if (width < top) {
        while (stack.length > 1 && (stack[stack.length - 1] ?? 0) > width) {
          stack.pop();
          tokens.push(synthetic(t.Dedent, token.startOffset, token));
        }
        if ((stack[stack.length - 1] ?? 0) !== width) {
          errors.push({ message: 'this line is indented to a level that matches no enclosing block', offset: token.startOffset });
          stack.push(width);
        }
      }
      atLineStart = false;
    }
    if (OPENERS.some((o) => tokenMatcher(token, o))) depth++;
    else if (CLOSERS.some((c) => tokenMatcher(token, c))) depth = Math.max(0, depth - 1);
    tokens.push(token);
  }
  const last = raw[raw.length - 1];
  const end = text.length;
  if (!atLineStart) tokens.push(synthetic(t.Newline, end, last));
  while (stack.length > 1) {
    stack.pop();
    tokens.push(synthetic(t.Dedent, end, last));
  }
  return { tokens, errors };
}
