// The expression language's data: a plain AST with source offsets, its errors and its values.
import type { DiagnosticCode } from '../diagnostics/codes.js';

type Located = { start: number; end: number };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | 'and' | 'or';
export type UnaryOp = '-' | '+' | 'not';

export interface Kwarg {
  name: string;
  value: Expr;
  /** Offsets of `name=value` as a whole. */
  start: number;
  end: number;
}

/** An expression; `start`/`end` are offsets into the source string, [start, end). */
export type Expr = (
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'none' }
  /** Dotted names keep their dots: 'tf.keras.layers.Conv2D'. */
  | { type: 'name'; name: string }
  | { type: 'unary'; op: UnaryOp; operand: Expr }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { type: 'compare'; ops: CompareOp[]; operands: Expr[] }
  | { type: 'conditional'; test: Expr; then: Expr; otherwise: Expr }
  | { type: 'tuple'; items: Expr[] }
  | { type: 'list'; items: Expr[] }
  | { type: 'call'; callee: string; args: Expr[]; kwargs: Kwarg[] }
  /** `target[index]` on a list or tuple (negative indices count from the end). */
  | { type: 'index'; target: Expr; index: Expr }
  /** `target[lower:upper:step]`, Python's slice of a list, tuple or string; any bound may be left out. */
  | { type: 'slice'; target: Expr; lower?: Expr; upper?: Expr; step?: Expr }
) &
  Located;

export type CallExpr = Extract<Expr, { type: 'call' }>;

/** The expression codes of the diagnostic registry. */
export type ExprErrorCode = Extract<DiagnosticCode, `expr-${string}`>;

export interface ExprError {
  message: string;
  start: number;
  end: number;
  code: ExprErrorCode;
  /** A hint such as "did you mean 'width'?" */
  suggestion?: string;
}

/** What an expression evaluates to. Tuples and lists are both arrays; ints and floats are both numbers. */
export type Value = number | string | boolean | null | Value[] | KerasObjectCall;

/**
 * A call of a Keras argument-object constructor, kept as written for the layer argument that
 * receives it to check: `keras.initializers.HeNormal(seed=1)` →
 * {module: 'initializers', className: 'HeNormal', args: [], config: {seed: 1}}.
 */
export interface KerasObjectCall {
  readonly module: 'initializers' | 'regularizers' | 'constraints';
  readonly className: string;
  readonly args: readonly Value[];
  readonly config: Readonly<Record<string, Value>>;
}

export interface Result<T> {
  value?: T;
  errors: ExprError[];
}

/** Longest source accepted, and deepest nesting, so pathological input is an error rather than a stack overflow. */
export const MAX_SOURCE_LENGTH = 10_000;
export const MAX_NESTING = 200;
