// Reads one step, in either form, into the same shape: its kind, its arguments (a YAML mapping or
// a parsed call string), and its step keys.
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import { parseCallStep, type CallExpr } from '../expr/index.js';
import { STEP_KEYS } from '../spec/schema.js';
import type { Located } from '../spec/yaml-tree.js';
import { evalExpr, exprFailure, exprRef, scalarText, type Env } from './values.js';

export interface StepForm {
  kindName: string;
  kindAt: SourceRef;
  at: SourceRef;
  /** Step keys (`name`, `repeat`, `when`, …) of the mapping form. */
  keys: Map<string, Located>;
  name?: string;
  nameAt?: SourceRef;
  /** `trainable=False` in a call string. */
  trainable?: boolean;
  /** Mapping form: the value under the kind key (arguments, or a structure's body). */
  body?: Located;
  /** Call form: the parsed call and where its text starts in the file. */
  call?: CallExpr;
  callContentStart?: number | undefined;
  /** Number of arguments given, for telling `softmax` (activation) from `softmax: {axis: 1}` (layer). */
  argCount: number;
}

/** `input_shape=` is Keras's way to give the model input on its first layer: the input, not an argument (src/ir/keras-input.ts). */
const CALL_STEP_KWARGS = new Set(['name', 'trainable', 'input_shape']);

export function readStep(node: Located, env: Env): StepForm {
  if (node.kind === 'scalar' && typeof node.value === 'string') return readCallStep(node.value, node.contentStart, node.at, env);
  if (node.kind !== 'map') {
    throw new DiagnosticError('step', 'a step must be a call string like "Conv2D(32, 3)" or a mapping like {conv2d: {filters: 32, kernel_size: 3}}', node.at);
  }
  const keys = new Map<string, Located>();
  const kinds = node.entries.filter((e) => {
    if ((STEP_KEYS as readonly string[]).includes(e.key)) {
      keys.set(e.key, e.value);
      return false;
    }
    return true;
  });
  if (kinds.length !== 1) {
    const found = kinds.map((k) => `'${k.key}'`).join(', ');
    throw new DiagnosticError(
      'step',
      kinds.length === 0 ? 'this step has no layer kind (only step keys)' : `a step has one kind key, found ${found}`,
      kinds[1]?.keyAt ?? node.at,
      `step keys are ${STEP_KEYS.join(', ')}`,
    );
  }
  const entry = kinds[0]!;
  const nameNode = keys.get('name');
  const form: StepForm = { kindName: entry.key, kindAt: entry.keyAt, at: node.at, keys, body: entry.value, argCount: countArgs(entry.value) };
  const name = scalarText(nameNode);
  if (name !== undefined) {
    form.name = name;
    form.nameAt = nameNode!.at;
  }
  return form;
}

function countArgs(body: Located): number {
  if (body.kind === 'map') return body.entries.length;
  if (body.kind === 'seq') return body.items.length;
  return body.value === null ? 0 : 1;
}

/** Call strings repeat (`relu`, `batchnorm` thousands of times); parse each distinct one once. */
const parsedCalls = new Map<string, ReturnType<typeof parseCallStep>>();

function parseCallCached(text: string): ReturnType<typeof parseCallStep> {
  let parsed = parsedCalls.get(text);
  // A bare name (`relu`, `batchnorm`) needs no parser at all.
  if (!parsed && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
    parsed = { value: { type: 'call', callee: text, args: [], kwargs: [], bare: true, start: 0, end: text.length }, errors: [] };
    parsedCalls.set(text, parsed);
  }
  if (!parsed) {
    parsed = parseCallStep(text);
    if (parsedCalls.size > 10_000) parsedCalls.clear();
    parsedCalls.set(text, parsed);
  }
  return parsed;
}

function readCallStep(text: string, contentStart: number, at: SourceRef, env: Env): StepForm {
  const parsed = parseCallCached(text);
  if (parsed.errors.length > 0 || !parsed.value) {
    const err = parsed.errors[0] ?? { message: 'not a layer call', start: 0, end: text.length, code: 'expr-syntax' as const };
    throw exprFailure(err, at, contentStart);
  }
  return callStepForm(parsed.value, contentStart, at, env);
}

/** A parsed call as a step: the whole step string, or a layer nested in one (`Bidirectional(LSTM(64))`). */
export function callStepForm(call: CallExpr, contentStart: number | undefined, at: SourceRef, env: Env): StepForm {
  const form: StepForm = {
    kindName: call.callee,
    kindAt: exprRef(at, contentStart, call.start, call.start + call.callee.length),
    at,
    keys: new Map(),
    call: { ...call, kwargs: call.kwargs.filter((k) => !CALL_STEP_KWARGS.has(k.name)) },
    callContentStart: contentStart,
    argCount: call.args.length + call.kwargs.length,
  };
  for (const kw of call.kwargs) {
    if (!CALL_STEP_KWARGS.has(kw.name)) continue;
    form.argCount--;
    if (kw.name === 'input_shape') continue;
    const value = evalExpr(kw.value, env, at, contentStart);
    const kwAt = exprRef(at, contentStart, kw.start, kw.end);
    if (kw.name === 'name') {
      if (typeof value !== 'string') throw new DiagnosticError('type', `name must be a string, got ${JSON.stringify(value)}`, kwAt);
      form.name = value;
      form.nameAt = kwAt;
    } else {
      if (typeof value !== 'boolean') throw new DiagnosticError('type', 'trainable must be True or False', kwAt);
      form.trainable = value;
    }
  }
  return form;
}
