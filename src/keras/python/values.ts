// Values of the interpreted Python subset: plain Python data, plus the Keras objects a model is built
// from (layers, tensors, models) and `unknown` for whatever netspec does not run (data, training).
import type { Span, Stmt } from './ast.js';

export interface Scope {
  vars: Map<string, Value>;
  parent?: Scope;
}

/** A layer object: made once by its constructor, called once or more (more = shared weights). */
export interface LayerObject {
  className: string;
  /** Constructor arguments as written, evaluated; `name`/`input_shape` are taken out. */
  args: { name?: string; value: Value }[];
  name: string;
  at: Span;
  calls: number;
  trainable?: boolean;
}

export interface InputDecl {
  name: string;
  shape: (number | null)[];
  dtype?: string;
}

export interface Tensor {
  id: number;
  /** The input it is, or the call that produced it. */
  input?: InputDecl;
  node?: GraphNode;
  /** Without batch; absent where netspec cannot compute it while reading (the spec analysis still does). */
  shape?: (number | null)[];
  /** Which output of its call, when the call returns several (`out, h, c = LSTM(…, return_state=True)(x)`). */
  outputIndex?: number;
}

export interface GraphNode {
  id: number;
  callee: { kind: 'layer'; layer: LayerObject } | { kind: 'model'; model: ModelObject };
  inputs: Tensor[];
  output: Tensor;
  /** Every output, when the call returns several (return_state, merge_mode=None); `output` is the first. */
  outputs?: Tensor[];
  /** Which call of the layer object this is (0 = first). */
  callIndex: number;
  at: Span;
}

export type ModelObject =
  | { kind: 'functional'; name: string; inputs: Tensor[]; outputs: Tensor[]; at: Span; calls: number; trainable?: boolean }
  | { kind: 'sequential'; name: string; steps: (LayerObject | ModelObject)[]; input?: InputDecl; at: Span; calls: number; trainable?: boolean };

export type Value =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: number }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'tuple'; items: Value[] }
  | { t: 'list'; items: Value[] }
  | { t: 'dict'; entries: Map<string, [Value, Value]> }
  | { t: 'range'; start: number; stop: number; step: number }
  | { t: 'ellipsis' }
  | { t: 'func'; def: Extract<Stmt, { kind: 'def' }>; scope: Scope }
  | { t: 'builtin'; name: string }
  /** A module or an attribute path inside one: `keras.layers.Conv2D`, `numpy.zeros` (canonical, see keras-api). */
  | { t: 'module'; path: string }
  /** A method bound to its object: `model.add`, `xs.append`. */
  | { t: 'method'; name: string; self: Value }
  | { t: 'layer'; layer: LayerObject }
  | { t: 'tensor'; tensor: Tensor }
  | { t: 'model'; model: ModelObject }
  /** A Keras argument object (initialiser, regulariser, constraint, optimizer): kept as its source text. */
  | { t: 'kerasObject'; text: string; family: string }
  /** A user-defined class: netspec does not run class bodies. */
  | { t: 'class'; name: string; at: Span }
  /** Something netspec did not compute, and why; using it where the model needs a value is an error. */
  | { t: 'unknown'; reason: string; at: Span };

export const NONE: Value = { t: 'none' };

export const int = (v: number): Value => ({ t: 'int', v });
export const str = (v: string): Value => ({ t: 'str', v });
export const bool = (v: boolean): Value => ({ t: 'bool', v });
export const unknown = (reason: string, at: Span): Value => ({ t: 'unknown', reason, at });

/** Python's type name, for messages. */
export function typeName(v: Value): string {
  switch (v.t) {
    case 'none':
      return 'None';
    case 'func':
      return 'function';
    case 'builtin':
      return 'builtin function';
    case 'kerasObject':
      return v.family;
    case 'layer':
      return `${v.layer.className} layer`;
    case 'model':
      return v.model.kind === 'sequential' ? 'Sequential model' : 'Model';
    default:
      return v.t;
  }
}

/** Python's truth value; undefined for values netspec cannot judge. */
export function truthy(v: Value): boolean | undefined {
  switch (v.t) {
    case 'none':
      return false;
    case 'bool':
      return v.v;
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'str':
      return v.v !== '';
    case 'tuple':
    case 'list':
      return v.items.length > 0;
    case 'dict':
      return v.entries.size > 0;
    case 'range':
      return rangeLength(v) > 0;
    case 'unknown':
      return undefined;
    default:
      return true;
  }
}

export function rangeLength(r: { start: number; stop: number; step: number }): number {
  const n = r.step > 0 ? Math.ceil((r.stop - r.start) / r.step) : Math.ceil((r.start - r.stop) / -r.step);
  return Math.max(0, n);
}

/** Python's repr of a float: `0.5`, `1e-05`, `3.0`. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const s = String(x);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}e${m[2]}${(m[3] ?? '').padStart(2, '0')}`;
  if (Math.abs(x) < 1e-4 && x !== 0) {
    const e = x.toExponential();
    const me = /^(-?[\d.]+)e([+-])(\d+)$/.exec(e);
    if (me) return `${me[1]}e${me[2]}${(me[3] ?? '').padStart(2, '0')}`;
  }
  return s;
}

/** str(value) as Python prints it (for f-strings and names). Undefined for values without a known text. */
export function pyStr(v: Value): string | undefined {
  switch (v.t) {
    case 'str':
      return v.v;
    case 'int':
      return String(v.v);
    case 'float':
      return floatRepr(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    default:
      return pyRepr(v);
  }
}

/** repr(value) for plain data, as Python writes it; undefined for Keras objects and unknowns. */
export function pyRepr(v: Value): string | undefined {
  switch (v.t) {
    case 'str':
      return `'${v.v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    case 'int':
    case 'float':
    case 'bool':
    case 'none':
      return pyStr(v);
    case 'tuple':
    case 'list': {
      const parts = v.items.map(pyRepr);
      if (parts.some((p) => p === undefined)) return undefined;
      if (v.t === 'list') return `[${parts.join(', ')}]`;
      return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
    }
    case 'dict': {
      const parts = [...v.entries.values()].map(([k, val]) => {
        const a = pyRepr(k);
        const b = pyRepr(val);
        return a === undefined || b === undefined ? undefined : `${a}: ${b}`;
      });
      return parts.some((p) => p === undefined) ? undefined : `{${parts.join(', ')}}`;
    }
    case 'kerasObject':
      return v.text;
    default:
      return undefined;
  }
}
