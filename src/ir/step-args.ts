// Arguments of a layer step or a block call, from either form, evaluated in the caller's names.
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/format.js';
import type { Expr, Value } from '../expr/index.js';
import { ArgumentError, normalizeArgs } from '../layers/args.js';
import { kindIndex, lookupKind } from '../layers/registry.js';
import { LayerError, type Args, type ArgValue, type LayerArgValue, type LayerKind } from '../layers/types.js';
import type { Located } from '../spec/yaml-tree.js';
import type { BlockDef } from './expand.js';
import { callStepForm, readStep, type StepForm } from './step-form.js';
import { argValue, evalExpr, exprRef, paramValue, type Env } from './values.js';

/** Raw values with where each was written, so a bad argument is reported at its own text. */
interface RawArgs {
  values: Record<string, ArgValue>;
  at: Map<string, SourceRef>;
}

export function buildLayerArgs(kind: LayerKind, form: StepForm, env: Env): Args {
  const raw = form.call ? callArgs(kind.positional, form, env, kind.className, kind) : mappingArgs(kind, form, env);
  try {
    return normalizeArgs(kind, raw.values);
  } catch (err) {
    if (err instanceof ArgumentError) {
      const at = raw.at.get(err.arg) ?? (Object.hasOwn(raw.values, err.arg) ? form.at : form.kindAt);
      throw new DiagnosticError(err.message.includes('has no argument') ? 'unknown-argument' : 'argument', err.message, at, err.suggestion);
    }
    // Keras's own cross-argument checks (strides with dilation, …) concern the whole step.
    if (err instanceof LayerError) throw new DiagnosticError('argument', `${kind.className}: ${err.message}`, form.at);
    throw err;
  }
}

function mappingArgs(kind: LayerKind, form: StepForm, env: Env): RawArgs {
  const raw: RawArgs = { values: {}, at: new Map() };
  const body = form.body;
  if (!body || (body.kind === 'scalar' && body.value === null)) return raw;
  if (body.kind !== 'map') throw new DiagnosticError('type', `arguments of ${kind.className} must be a mapping like {filters: 32}`, body.at);
  for (const entry of body.entries) {
    const value = kind.args[entry.key]?.type === 'layer' ? layerArgOfNode(entry.value, env) : argValue(entry.value, kind.args[entry.key], env);
    define(raw.values, entry.key, value);
    raw.at.set(entry.key, entry.key in kind.args ? entry.value.at : entry.keyAt);
  }
  return raw;
}

/** Positional arguments take Keras's order; keywords their names; both evaluated in `env`. */
function callArgs(positional: readonly string[], form: StepForm, env: Env, owner: string, kind?: LayerKind): RawArgs {
  const call = form.call!;
  const start = form.callContentStart;
  const raw: RawArgs = { values: {}, at: new Map() };
  call.args.forEach((expr, i) => {
    const key = positional[i];
    const at = exprRef(form.at, start, expr.start, expr.end);
    if (key === undefined)
      throw new DiagnosticError('argument', `${owner} takes at most ${positional.length} positional arguments, got ${call.args.length}`, at);
    define(raw.values, key, callValue(kind, key, expr, form, env));
    raw.at.set(key, at);
  });
  for (const kw of call.kwargs) {
    const at = exprRef(form.at, start, kw.start, kw.end);
    if (Object.hasOwn(raw.values, kw.name)) throw new DiagnosticError('argument', `${owner} got multiple values for argument '${kw.name}'`, at);
    define(raw.values, kw.name, callValue(kind, kw.name, kw.value, form, env));
    raw.at.set(kw.name, at);
  }
  return raw;
}

/** One call-string argument: a nested layer call where the kind takes a layer, else an expression. */
function callValue(kind: LayerKind | undefined, key: string, expr: Expr, form: StepForm, env: Env): ArgValue {
  if (kind?.args[key]?.type !== 'layer') return evalExpr(expr, env, form.at, form.callContentStart);
  if (expr.type !== 'call') {
    throw new DiagnosticError(
      'type',
      `${kind.className}: argument '${key}' must be a layer, e.g. LSTM(64)`,
      exprRef(form.at, form.callContentStart, expr.start, expr.end),
    );
  }
  return innerLayer(callStepForm(expr, form.callContentStart, exprRef(form.at, form.callContentStart, expr.start, expr.end), env), env);
}

/** A mapping-form layer argument: a call string (`"LSTM(64)"`) or a one-key mapping (`{lstm: {units: 64}}`). */
function layerArgOfNode(node: Located, env: Env): LayerArgValue {
  return innerLayer(readStep(node, env), env);
}

/** A wrapped layer, its arguments read and normalised with their own positions. */
function innerLayer(form: StepForm, env: Env): LayerArgValue {
  const bare = form.kindName.includes('.') ? form.kindName.slice(form.kindName.lastIndexOf('.') + 1) : form.kindName;
  const kind = lookupKind(bare);
  if (!kind) throw new DiagnosticError('unknown-kind', `unknown layer kind '${form.kindName}'`, form.kindAt, didYouMean(bare, [...kindIndex().keys()]));
  if (form.keys.size > 0) {
    const [key, node] = [...form.keys][0]!;
    throw new DiagnosticError('argument', `a wrapped layer takes no step key ('${key}'); put it on the wrapper's step`, node.at);
  }
  return { class_name: kind.className, config: buildLayerArgs(kind, form, env) };
}

/** Block parameters: defaults from the block, overridden by the call; strings are expressions unless the default is a string. */
export function callBlockParams(block: BlockDef, form: StepForm, callerEnv: Env, globals: Env): Map<string, Value> {
  const declared = block.params?.entries ?? [];
  const names = declared.map((e) => e.key);
  const given = new Map<string, () => Value>();
  const givenAt = new Map<string, SourceRef>();
  if (form.call) {
    const raw = callArgs(names, form, callerEnv, `block '${block.name}'`);
    for (const [k, v] of Object.entries(raw.values)) given.set(k, () => v as Value);
    for (const [k, at] of raw.at) givenAt.set(k, at);
  } else if (form.body?.kind === 'map') {
    for (const entry of form.body.entries) {
      const decl = declared.find((d) => d.key === entry.key);
      const literalString = decl?.value.kind === 'scalar' && typeof decl.value.value === 'string';
      given.set(entry.key, () =>
        literalString && entry.value.kind === 'scalar'
          ? entry.value.value
          : argValue(entry.value, literalString ? { type: 'string', doc: '' } : undefined, callerEnv),
      );
      givenAt.set(entry.key, entry.keyAt);
    }
  } else if (form.body && !(form.body.kind === 'scalar' && form.body.value === null)) {
    throw new DiagnosticError('type', `parameters of block '${block.name}' must be a mapping`, form.body.at);
  }
  for (const [key, at] of givenAt) {
    if (!names.includes(key)) throw new DiagnosticError('unknown-argument', `block '${block.name}' has no parameter '${key}'`, at, didYouMean(key, names));
  }
  const params = new Map<string, Value>();
  const defaultsEnv = new Map<string, Value>(globals);
  for (const decl of declared) {
    const value = given.has(decl.key) ? given.get(decl.key)!() : paramValue(decl.value, defaultsEnv);
    params.set(decl.key, value);
    defaultsEnv.set(decl.key, value);
  }
  return params;
}

/** Own-property assignment that cannot touch a prototype, whatever the key. */
function define(target: Record<string, ArgValue>, key: string, value: ArgValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
