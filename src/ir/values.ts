// Turning spec values into evaluated values: literals stay literals, strings where a number is due
// are expressions, and every expression error points inside its YAML string.
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import type { Expr, ExprError, Value } from '../expr/index.js';
import { evaluateSourceWithKerasObjects, evaluateWithKerasObjects } from './bare-keras-objects.js';
import { isKerasObjectArg } from '../layers/keras-objects.js';
import type { ArgSpec } from '../layers/types.js';
import type { Located, LocatedScalar } from '../spec/yaml-tree.js';

export type Env = ReadonlyMap<string, Value>;

/** Offsets in an expression string → a SourceRef in the file, given where the string's content starts. */
export function exprRef(base: SourceRef, contentStart: number | undefined, start: number, end: number): SourceRef {
  if (contentStart === undefined) return base;
  return { file: base.file, start: contentStart + start, end: contentStart + Math.max(end, start + 1) };
}

export function exprFailure(err: ExprError, base: SourceRef, contentStart: number | undefined): DiagnosticError {
  return new DiagnosticError(err.code, err.message, exprRef(base, contentStart, err.start, err.end), err.suggestion);
}

/** Evaluates an expression string written in a YAML scalar; throws DiagnosticError on the first error. */
export function evalScalarExpression(scalar: LocatedScalar, env: Env): Value {
  const source = String(scalar.value);
  const result = evaluateSourceWithKerasObjects(source, env);
  if (result.errors.length > 0 || result.value === undefined) {
    const err = result.errors[0] ?? { message: 'expression has no value', start: 0, end: source.length, code: 'expr-value' as const };
    const size = /^\s*(\d+)\s*[x×]\s*(\d+)(?:\s*[x×]\s*(\d+))?\s*$/.exec(source);
    // `3x3`, as sizes are written in prose: say how a tuple is written.
    if (size)
      throw new DiagnosticError(
        err.code,
        `'${source.trim()}' is not a number or a tuple`,
        scalar.at,
        `write a size per axis as a list: [${size.slice(1).filter(Boolean).join(', ')}] (or one number for every axis)`,
      );
    throw exprFailure(err, scalar.at, scalar.contentStart);
  }
  return result.value;
}

/** Evaluates an already parsed expression (from a call string). */
export function evalExpr(expr: Expr, env: Env, base: SourceRef, contentStart: number | undefined): Value {
  const result = evaluateWithKerasObjects(expr, env);
  if (result.errors.length > 0 || result.value === undefined) {
    const err = result.errors[0] ?? { message: 'expression has no value', start: expr.start, end: expr.end, code: 'expr-value' as const };
    throw exprFailure(err, base, contentStart);
  }
  return result.value;
}

/** Argument kinds whose YAML strings are literal strings, not expressions. */
function takesString(spec: ArgSpec | undefined): boolean {
  return spec !== undefined && (spec.type === 'enum' || spec.type === 'activation' || spec.type === 'string' || spec.type === 'any');
}

/**
 * A mapping-form value: numbers and booleans as written; strings are literal where the argument
 * takes a string, otherwise expressions; lists recurse.
 */
export function argValue(node: Located, spec: ArgSpec | undefined, env: Env): Value {
  if (node.kind === 'scalar' && typeof node.value === 'string' && isKerasObjectArg(spec)) return kerasObjectArgValue(node, env);
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string' && !takesString(spec)) return evalScalarExpression(node, env);
    return node.value;
  }
  if (node.kind === 'seq') return node.items.map((item) => argValue(item, spec, env));
  throw new DiagnosticError('type', 'expected a value, found a mapping', node.at);
}

/**
 * An initializer, regularizer or constraint written in a mapping: a bare word is a param bound in
 * `params:` if there is one, else Keras's name for the object (`he_normal`, checked by the layer);
 * anything else is an expression building one (`keras.initializers.HeNormal(seed=1)`).
 */
function kerasObjectArgValue(node: LocatedScalar, env: Env): Value {
  const text = String(node.value).trim();
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return env.has(text) ? env.get(text)! : text;
  return evalScalarExpression(node, env);
}

/**
 * A param value or block-parameter default: quoted strings are strings; a plain scalar that reads
 * as an expression over known names is evaluated; anything else stays as written.
 */
export function paramValue(node: Located, env: Env): Value {
  if (node.kind === 'seq') return node.items.map((item) => paramValue(item, env));
  if (node.kind === 'map') throw new DiagnosticError('type', 'a parameter value must be a number, string, boolean or list', node.at);
  if (typeof node.value !== 'string' || node.quoted) return node.value;
  const result = evaluateSourceWithKerasObjects(node.value, env);
  if (result.errors.length === 0 && result.value !== undefined) return result.value;
  // A bare word that is not a known name reads as a string ('same', 'relu'); real mistakes do not.
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(node.value.trim())) return node.value;
  throw exprFailure(result.errors[0]!, node.at, node.contentStart);
}

/** `when:` and `trainable:` values: a boolean or an expression that yields one. */
export function boolValue(node: Located, env: Env, what: string): boolean {
  const value = node.kind === 'scalar' && typeof node.value === 'string' ? evalScalarExpression(node, env) : node.kind === 'scalar' ? node.value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  throw new DiagnosticError('type', `${what} must be true or false (or an expression that gives one), got ${JSON.stringify(value)}`, node.at);
}

/** A count such as `repeat:`: a non-negative integer or an expression that yields one. */
export function countValue(node: Located, env: Env, what: string): number {
  const value = node.kind === 'scalar' && typeof node.value === 'string' ? evalScalarExpression(node, env) : node.kind === 'scalar' ? node.value : null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000) return value;
  throw new DiagnosticError('type', `${what} must be a whole number from 0 to 100000, got ${JSON.stringify(value)}`, node.at);
}

export function scalarText(node: Located | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

export function stringList(node: Located | undefined): { name: string; at: SourceRef }[] {
  if (!node) return [];
  if (node.kind === 'scalar' && node.value !== null) return [{ name: String(node.value), at: node.at }];
  if (node.kind === 'seq') return node.items.flatMap((item) => stringList(item));
  return [];
}
