// Bare Keras argument-object constructors, as code reads after `from keras.regularizers import l2`
// or `from keras.initializers import HeNormal`: `l2(1e-4)`, `HeNormal()`, `MaxNorm(3)` in call
// strings, mappings and params. Each name belongs to one of Keras's modules (the tables in
// src/layers/keras-objects.ts), so the call is rewritten to its module's spelling
// (`regularizers.l2(1e-4)`) before the evaluator sees it; a misspelt one gets a did-you-mean.
import { didYouMean } from '../diagnostics/format.js';
import { BUILTINS, evaluate, parseExpression, type Expr, type ExprError, type Result, type Value } from '../expr/index.js';
import { KERAS_OBJECTS } from '../layers/keras-objects.js';
import type { KerasObjectModule } from '../layers/types.js';

/** Constructor name → its module, for the names exactly one module has (all of them in Keras 3.15). */
const MODULE_OF: ReadonlyMap<string, KerasObjectModule> = (() => {
  const seen = new Map<string, KerasObjectModule[]>();
  for (const [module, table] of Object.entries(KERAS_OBJECTS) as [KerasObjectModule, (typeof KERAS_OBJECTS)[KerasObjectModule]][]) {
    for (const name of [...Object.keys(table.classes), ...Object.keys(table.aliases), ...Object.keys(table.constructorsOnly ?? {})]) {
      seen.set(name, [...(seen.get(name) ?? []), module]);
    }
  }
  return new Map([...seen].filter(([name, modules]) => modules.length === 1 && !BUILTINS.has(name)).map(([name, [module]]) => [name, module!]));
})();

/** Thrown for a bare call whose name is close to a Keras constructor's but none. */
class Misspelt extends Error {
  constructor(readonly error: ExprError) {
    super(error.message);
  }
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) {
    const items = node.map(rewrite);
    return items.some((item, i) => item !== node[i]) ? items : node;
  }
  if (typeof node !== 'object' || node === null) return node;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const next = rewrite(value);
    if (next !== value) changed = true;
    copy[key] = next;
  }
  const callee = copy.type === 'call' ? copy.callee : undefined;
  if (typeof callee !== 'string' || callee.includes('.') || BUILTINS.has(callee)) return changed ? copy : node;
  const module = MODULE_OF.get(callee);
  if (module) return { ...copy, callee: `${module}.${callee}` };
  // A builtin's misspelling keeps the evaluator's own suggestion.
  const suggestion = didYouMean(callee, BUILTINS.keys()) ? undefined : didYouMean(callee, MODULE_OF.keys());
  if (suggestion) {
    const start = copy.start as number;
    throw new Misspelt({ code: 'expr-name', message: `unknown function '${callee}' (${suggestion})`, start, end: start + callee.length, suggestion });
  }
  return changed ? copy : node;
}

/** The expression with bare Keras object constructors spelled with their module; errors as the evaluator's. */
export function withBareKerasObjects(expr: Expr): Result<Expr> {
  try {
    return { value: rewrite(expr) as Expr, errors: [] };
  } catch (err) {
    if (err instanceof Misspelt) return { errors: [err.error] };
    throw err;
  }
}

/** Evaluates a parsed expression, bare Keras object constructors included. */
export function evaluateWithKerasObjects(expr: Expr, env: ReadonlyMap<string, Value>): Result<Value> {
  const resolved = withBareKerasObjects(expr);
  return resolved.value ? evaluate(resolved.value, env) : { errors: resolved.errors };
}

const parsed = new Map<string, Result<Expr>>();

/** Parses and evaluates an expression string, bare Keras object constructors included. */
export function evaluateSourceWithKerasObjects(source: string, env: ReadonlyMap<string, Value>): Result<Value> {
  if (/^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/.test(source) && env.has(source.trim())) return { value: env.get(source.trim())!, errors: [] };
  let result = parsed.get(source);
  if (!result) {
    const expr = parseExpression(source);
    result = expr.value ? withBareKerasObjects(expr.value) : expr;
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(source, result);
  }
  return result.value ? evaluate(result.value, env) : { errors: result.errors };
}
