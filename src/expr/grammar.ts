// The chevrotain grammar. Operators are read as flat lists (`operand (op operand)*`, prefixes as a list) and
// precedence is resolved in `operators.ts`: a layered grammar costs a dozen nested rule calls per bracket level,
// which overflows the stack long before the 200 levels of nesting we promise to accept.
import { CstParser, MismatchedTokenException, tokenMatcher, type IToken } from 'chevrotain';
import * as t from './tokens.js';
import { friendlyMessages } from './messages.js';
import { MAX_NESTING } from './types.js';

export class ExpressionParser extends CstParser {
  private depth = 0;
  /** The token at which nesting passed MAX_NESTING, if it did in the last parse. */
  tooDeepAt: IToken | undefined;

  constructor() {
    // The grammar is fixed and covered by tests: skip chevrotain's start-up validations (about 100 ms per run).
    super(t.allTokens, { nodeLocationTracking: 'none', errorMessageProvider: friendlyMessages, maxLookahead: 2, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** Sets the input and resets the nesting counter; call before each parse. */
  startParsing(tokens: IToken[]): void {
    this.input = tokens;
    this.depth = 0;
    this.tooDeepAt = undefined;
  }

  /** Counts one level of nesting; past MAX_NESTING, aborts the parse with a recognition exception. */
  private nest(levels: number): void {
    this.depth += levels;
    if (this.depth <= MAX_NESTING) return;
    this.tooDeepAt ??= this.LA(1);
    throw new MismatchedTokenException('nesting too deep', this.LA(1), this.LA(0));
  }

  // operand (binaryOperator operand)* ('if' operation 'else' expression)?
  // The leading operation is written out here rather than called: one rule call fewer per value, the common case.
  expression = this.RULE('expression', () => {
    this.ACTION(() => this.nest(1));
    const powers = this.operatorChain();
    this.OPTION(() => {
      this.CONSUME(t.If);
      this.SUBRULE(this.operation);
      this.CONSUME(t.Else);
      this.SUBRULE(this.expression);
    });
    this.ACTION(() => this.nest(-1 - powers()));
  });

  // operand (binaryOperator operand)*, the condition of `a if condition else b`.
  operation = this.RULE('operation', () => {
    const powers = this.operatorChain();
    this.ACTION(() => this.nest(-powers()));
  });

  /**
   * operand (binaryOperator operand)*. A `**` chain nests (it is right-associative), so each `**` counts as a
   * level; returns how many were counted, for the caller to release at the end of its rule.
   */
  private operatorChain(): () => number {
    let powers = 0;
    this.SUBRULE(this.operand);
    this.MANY(() => {
      const operator = this.CONSUME(t.BinaryOperator);
      this.ACTION(() => {
        if (!tokenMatcher(operator, t.DoubleStar)) return;
        powers++;
        this.nest(1);
      });
      this.SUBRULE2(this.operand);
    });
    return () => powers;
  }

  // prefixOperator* atom, where atom is a literal, a (dotted) name, a call, a parenthesis/tuple or a list.
  operand = this.RULE('operand', () => {
    let prefixes = 0;
    this.MANY(() => {
      this.CONSUME(t.PrefixOperator);
      this.ACTION(() => this.nest(1));
      prefixes++;
    });
    this.OR([
      { ALT: () => this.CONSUME(t.NumberLiteral) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.Constant) },
      {
        ALT: () => {
          this.CONSUME(t.Identifier);
          this.MANY2(() => {
            this.CONSUME(t.Dot);
            this.CONSUME2(t.Identifier);
          });
          this.OPTION(() => {
            this.CONSUME(t.LParen);
            this.OPTION2(() => this.SUBRULE(this.argumentList));
            this.CONSUME(t.RParen);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(t.LParen);
          this.OPTION3(() => this.SUBRULE(this.items));
          this.CONSUME2(t.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LBracket);
          this.OPTION4(() => this.SUBRULE2(this.items));
          this.CONSUME(t.RBracket);
        },
      },
    ]);
    this.MANY3(() => this.SUBRULE(this.subscript));
    this.ACTION(() => this.nest(-prefixes));
  });

  // value[index] or a slice value[lower:upper:step], as in `in_shape[0]` and `in_shape[:-1]`.
  subscript = this.RULE('subscript', () => {
    this.CONSUME2(t.LBracket);
    this.OR([
      {
        ALT: () => {
          this.SUBRULE3(this.expression, { LABEL: 'lower' });
          this.OPTION(() => this.SUBRULE(this.sliceRest));
        },
      },
      { ALT: () => this.SUBRULE2(this.sliceRest) },
    ]);
    this.CONSUME2(t.RBracket);
  });

  // `:upper:step` of a slice, each bound optional.
  sliceRest = this.RULE('sliceRest', () => {
    this.CONSUME(t.Colon);
    this.OPTION(() => this.SUBRULE4(this.expression, { LABEL: 'upper' }));
    this.OPTION2(() => {
      this.CONSUME2(t.Colon);
      this.OPTION3(() => this.SUBRULE5(this.expression, { LABEL: 'step' }));
    });
  });

  argumentList = this.RULE('argumentList', () => {
    this.SUBRULE(this.argument);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.argument);
    });
    this.OPTION(() => this.CONSUME2(t.Comma));
  });

  // (name '=')? expression — two tokens of lookahead tell `name=` from a name.
  argument = this.RULE('argument', () => {
    this.OPTION(() => {
      this.CONSUME(t.Identifier);
      this.CONSUME(t.Equals);
    });
    this.SUBRULE(this.expression);
  });

  // a, b, ... with an optional trailing comma (inside parentheses or brackets)
  items = this.RULE('items', () => {
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.expression);
    });
    this.OPTION(() => this.CONSUME2(t.Comma));
  });
}

let parser: ExpressionParser | undefined;

/** The one parser instance, built on first use (self-analysis costs a few milliseconds). */
export function expressionParser(): ExpressionParser {
  parser ??= new ExpressionParser();
  return parser;
}
