// A small, bounded interpreter for the model-building part of Python Keras code. Nothing is executed
// by Python: statements are walked over the syntax tree with plain values; Keras calls build a graph
// (keras-api.ts); anything else (data loading, training, printing) evaluates to `unknown` and only
// matters if the model needs it, in which case the error names it and points at it.
import type { Argument, Expr, Span, Stmt } from './ast.js';
import { KerasWorld, canonicalPath, describeValue, type Args } from './keras-api.js';
import { Budget, PyError } from './limits.js';
import { parseExpressionAt } from './statements.js';
import { SyntaxProblem } from './grammar.js';
import { callBuiltin, BUILTIN_NAMES, iterate, binaryOp, compareOp, subscriptOf } from './operations.js';
import { NONE, int, str, truthy, unknown, type Scope, type Value } from './values.js';
import { callValueMethod, hashOrThrow } from './value-methods.js';
import { formatField, splitField } from './fstring-fields.js';

class ReturnSignal {
  constructor(readonly value: Value) {}
}
class BreakSignal {}
class ContinueSignal {}

/** Names a pasted snippet may use without importing them. */
const SNIPPET_NAMES: Record<string, string> = {
  keras: 'keras',
  tf: 'tensorflow',
  layers: 'keras.layers',
  models: 'keras.models',
  Model: 'keras.Model',
  Sequential: 'keras.Sequential',
  Input: 'keras.Input',
};

export interface RunResult {
  world: KerasWorld;
  errors: PyError[];
  /** Top-level statements that did not build the model (imports, data, training, printing). */
  skipped: Span[];
}

export class Interpreter {
  readonly world = new KerasWorld();
  readonly budget = new Budget();
  readonly globals: Scope = { vars: new Map() };
  private readonly errors: PyError[] = [];
  private readonly skipped: Span[] = [];
  /** Set when a statement produced a value netspec did not compute. */
  private madeUnknown = false;
  /** Set when a statement read a tensor or layer: its failure is then a failure to read the model. (Reading a
   * finished model to train or inspect it is not.) */
  private touchedModel = false;

  constructor(
    private readonly text: string,
    private readonly isLayerClass: (name: string) => boolean,
  ) {}

  run(body: Stmt[]): RunResult {
    this.globals.vars.set('__name__', str('__main__'));
    for (const stmt of body) {
      const before = this.world.activity;
      this.madeUnknown = false;
      this.touchedModel = false;
      try {
        this.exec(stmt, this.globals);
      } catch (err) {
        if (err instanceof ReturnSignal || err instanceof BreakSignal || err instanceof ContinueSignal) continue;
        if (err instanceof RangeError && /call stack/i.test(err.message)) {
          // Each bound holds on its own; combined (deep calls of long expressions) they can still exhaust the stack.
          this.errors.push(new PyError('this statement nests calls and expressions too deeply to follow', stmt, true, 'too-deep'));
          break;
        }
        if (!(err instanceof PyError)) throw err;
        if (err.fatal || this.touchedModel || this.world.activity !== before) {
          this.errors.push(err);
          if (err.code !== 'python') break;
        } else this.skipped.push({ start: stmt.start, end: stmt.end });
        continue;
      }
      if (this.world.activity === before && (this.madeUnknown || stmt.kind === 'unsupported')) this.skipped.push({ start: stmt.start, end: stmt.end });
    }
    return { world: this.world, errors: this.errors, skipped: this.skipped };
  }

  // ---- statements ---------------------------------------------------------------------------------

  private execBlock(body: Stmt[], scope: Scope): void {
    for (const stmt of body) this.exec(stmt, scope);
  }

  private exec(stmt: Stmt, scope: Scope): void {
    this.budget.step(stmt);
    switch (stmt.kind) {
      case 'expr':
        this.eval(stmt.value, scope);
        return;
      case 'assign': {
        const value = this.eval(stmt.value, scope);
        for (const target of stmt.targets) this.assign(target, value, scope);
        return;
      }
      case 'augassign': {
        const current = this.eval(stmt.target, scope);
        const value = this.eval(stmt.value, scope);
        if (current.t === 'list' && stmt.op === '+') {
          const items = iterate(value, stmt.value, this.budget);
          current.items.push(...items);
          return;
        }
        this.assign(stmt.target, this.noteUnknown(binaryOp(stmt.op, current, value, stmt, this.budget)), scope);
        return;
      }
      case 'return':
        throw new ReturnSignal(stmt.value ? this.eval(stmt.value, scope) : NONE);
      case 'pass':
        return;
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'import':
        for (const name of stmt.names) {
          if (name.alias) scope.vars.set(name.alias, { t: 'module', path: canonicalPath(name.path.join('.')) });
          else scope.vars.set(name.path[0] ?? '', { t: 'module', path: name.path[0] ?? '' });
          if (!isKerasModule(name.path)) this.madeUnknown = true;
        }
        return;
      case 'fromImport': {
        const module = stmt.module.join('.');
        for (const name of stmt.names) {
          const path = canonicalPath(`${module}.${name.path.join('.')}`);
          scope.vars.set(name.alias ?? name.path[0] ?? '', { t: 'module', path });
        }
        if (!isKerasModule(stmt.module)) this.madeUnknown = true;
        return;
      }
      case 'def': {
        scope.vars.set(stmt.name, { t: 'func', def: stmt, scope });
        return;
      }
      case 'class':
        scope.vars.set(stmt.name, { t: 'class', name: stmt.name, at: stmt });
        this.madeUnknown = true;
        return;
      case 'for':
        return this.execFor(stmt, scope);
      case 'if': {
        const test = this.eval(stmt.test, scope);
        const truth = truthy(test);
        if (truth === undefined) throw new PyError(`netspec cannot decide this condition: ${describeValue(test)}`, stmt.test, false);
        this.execBlock(truth ? stmt.body : stmt.orElse, scope);
        return;
      }
      case 'with':
        for (const item of stmt.items) {
          this.eval(item.context, scope);
          if (item.target) this.assign(item.target, unknown('the value of a with-statement is not computed', item.context), scope);
        }
        this.execBlock(stmt.body, scope);
        return;
      case 'unsupported':
        return this.unsupported(stmt, scope);
    }
  }

  private execFor(stmt: Extract<Stmt, { kind: 'for' }>, scope: Scope): void {
    const iterable = this.eval(stmt.iter, scope);
    if (iterable.t === 'unknown') throw new PyError(`netspec cannot loop over this: ${iterable.reason}`, stmt.iter, false);
    for (const item of iterate(iterable, stmt.iter, this.budget)) {
      this.budget.step(stmt);
      this.assign(stmt.target, item, scope);
      try {
        this.execBlock(stmt.body, scope);
      } catch (err) {
        if (err instanceof BreakSignal) return;
        if (err instanceof ContinueSignal) continue;
        throw err;
      }
    }
    this.execBlock(stmt.orElse, scope);
  }

  /** A statement netspec cannot read: fine unless it mentions part of the model. */
  private unsupported(stmt: Extract<Stmt, { kind: 'unsupported' }>, scope: Scope): void {
    const source = this.text.slice(stmt.start, stmt.end);
    const decorated = /^@[\s\S]*?\b(?:def|class)\s+([A-Za-z_]\w*)/.exec(source);
    if (decorated?.[1]) {
      // A decorated definition is only a problem where it is called on the model.
      scope.vars.set(decorated[1], unknown(`${decorated[1]} is defined with a decorator, which netspec does not read`, stmt));
      throw new PyError(`netspec does not read this statement: ${stmt.what}`, { start: stmt.at, end: stmt.end }, false);
    }
    const names = new Set(source.replace(/\blambda\b[^:]*:/g, ' ').match(/[A-Za-z_]\w*/g) ?? []);
    for (const name of names) {
      const value = lookup(scope, name);
      const changesModel = value?.t === 'tensor' || value?.t === 'layer' || (value?.t === 'model' && /\.(add|build)\s*\(/.test(source));
      if (changesModel) {
        throw new PyError(
          `netspec cannot read this statement (${stmt.what}), and it uses '${name}', which is part of the model`,
          { start: stmt.at, end: Math.max(stmt.at + 1, stmt.end) },
          true,
        );
      }
    }
    throw new PyError(`netspec does not read this statement: ${stmt.what}`, { start: stmt.at, end: stmt.end }, false);
  }

  private assign(target: Expr, value: Value, scope: Scope): void {
    switch (target.kind) {
      case 'name':
        scope.vars.set(target.id, value);
        return;
      case 'tuple':
      case 'list': {
        if (value.t === 'unknown') {
          for (const item of target.items) this.assign(item.kind === 'starred' ? item.value : item, value, scope);
          return;
        }
        const items = iterate(value, target, this.budget);
        const star = target.items.findIndex((i) => i.kind === 'starred');
        if (star < 0 && items.length !== target.items.length)
          throw new PyError(`cannot unpack ${items.length} values into ${target.items.length} names`, target, false);
        if (star < 0) {
          target.items.forEach((item, i) => this.assign(item, items[i] as Value, scope));
          return;
        }
        const after = target.items.length - star - 1;
        target.items.forEach((item, i) => {
          if (i < star) this.assign(item, items[i] as Value, scope);
          else if (i === star && item.kind === 'starred') this.assign(item.value, { t: 'list', items: items.slice(star, items.length - after) }, scope);
          else this.assign(item, items[items.length - (target.items.length - i)] as Value, scope);
        });
        return;
      }
      case 'attribute': {
        const object = this.eval(target.object, scope);
        if (target.attr === 'trainable' && (object.t === 'layer' || object.t === 'model')) {
          const flag = truthy(value);
          if (flag === undefined) throw new PyError(`trainable must be True or False, not ${describeValue(value)}`, target, true);
          if (object.t === 'layer') object.layer.trainable = flag;
          else object.model.trainable = flag;
          this.world.activity++;
          return;
        }
        if (object.t === 'layer' || object.t === 'model' || object.t === 'tensor')
          throw new PyError(`setting .${target.attr} on ${describeValue(object)} is not followed`, target, true);
        this.madeUnknown = true;
        return;
      }
      case 'subscript': {
        const object = this.eval(target.object, scope);
        const index = this.eval(target.index, scope);
        if (object.t === 'dict') {
          const key = hashOrThrow(index, target.index);
          object.entries.set(key, [index, value]);
          return;
        }
        if (object.t === 'list' && index.t === 'int') {
          const i = index.v < 0 ? object.items.length + index.v : index.v;
          if (i < 0 || i >= object.items.length) throw new PyError('list index out of range', target.index, false);
          object.items[i] = value;
          return;
        }
        this.madeUnknown = true;
        return;
      }
      case 'starred':
        return this.assign(target.value, value, scope);
      default:
        throw new PyError('netspec cannot assign to this', target, false);
    }
  }

  // ---- expressions --------------------------------------------------------------------------------

  private noteUnknown(value: Value): Value {
    if (value.t === 'unknown') this.madeUnknown = true;
    return value;
  }

  eval(expr: Expr, scope: Scope): Value {
    this.budget.step(expr);
    switch (expr.kind) {
      case 'name':
        return this.noteUnknown(this.lookupName(expr.id, expr, scope));
      case 'number':
        if (Number.isNaN(expr.value)) return this.noteUnknown(unknown('complex numbers are not computed', expr));
        if (!expr.isFloat && !Number.isSafeInteger(expr.value)) throw new PyError(`${expr.text} is beyond the exact integer range`, expr, false);
        return expr.isFloat ? { t: 'float', v: expr.value } : int(expr.value);
      case 'string':
        this.budget.allocate(expr.value.length, expr);
        return str(expr.value);
      case 'fstring':
        return this.fstring(expr, scope);
      case 'constant':
        return expr.value === null ? NONE : expr.value === 'ellipsis' ? { t: 'ellipsis' } : { t: 'bool', v: expr.value };
      case 'tuple':
      case 'list': {
        const items: Value[] = [];
        for (const item of expr.items) {
          if (item.kind === 'starred') items.push(...iterate(this.eval(item.value, scope), item, this.budget));
          else items.push(this.eval(item, scope));
        }
        this.budget.allocate(items.length, expr);
        return expr.kind === 'tuple' ? { t: 'tuple', items } : { t: 'list', items };
      }
      case 'dict': {
        const entries = new Map<string, [Value, Value]>();
        for (const [k, v] of expr.entries) {
          const key = this.eval(k, scope);
          entries.set(hashOrThrow(key, k), [key, this.eval(v, scope)]);
        }
        return { t: 'dict', entries };
      }
      case 'comprehension':
        return this.comprehension(expr, scope);
      case 'attribute':
        return this.noteUnknown(this.attribute(this.eval(expr.object, scope), expr.attr, expr));
      case 'subscript': {
        const object = this.eval(expr.object, scope);
        if (object.t === 'tensor') throw new PyError('indexing or slicing a tensor is not followed; use a layer (Cropping, Reshape, …)', expr, true);
        const index = expr.index.kind === 'slice' ? this.slice(expr.index, scope) : this.eval(expr.index, scope);
        return this.noteUnknown(subscriptOf(object, index, expr, this.budget));
      }
      case 'slice':
        return this.slice(expr, scope);
      case 'call':
        return this.noteUnknown(this.call(expr, scope));
      case 'unary': {
        const operand = this.eval(expr.operand, scope);
        if (expr.op === 'not') {
          const truth = truthy(operand);
          return truth === undefined ? this.noteUnknown(operand) : { t: 'bool', v: !truth };
        }
        return this.noteUnknown(binaryOp(expr.op === '-' ? 'neg' : expr.op === '+' ? 'pos' : '~', operand, NONE, expr, this.budget));
      }
      case 'binary':
        return this.noteUnknown(binaryOp(expr.op, this.eval(expr.left, scope), this.eval(expr.right, scope), expr, this.budget));
      case 'compare': {
        let left = this.eval(expr.first, scope);
        let result: Value = { t: 'bool', v: true };
        for (const { op, right } of expr.rest) {
          const r = this.eval(right, scope);
          result = compareOp(op, left, r, expr);
          if (result.t !== 'bool' || !result.v) return this.noteUnknown(result);
          left = r;
        }
        return result;
      }
      case 'boolean': {
        const left = this.eval(expr.left, scope);
        const truth = truthy(left);
        if (truth === undefined) return this.noteUnknown(left);
        if (expr.op === 'and') return truth ? this.eval(expr.right, scope) : left;
        return truth ? left : this.eval(expr.right, scope);
      }
      case 'ternary': {
        const test = this.eval(expr.test, scope);
        const truth = truthy(test);
        if (truth === undefined) return this.noteUnknown(test);
        return this.eval(truth ? expr.body : expr.orElse, scope);
      }
      case 'starred':
        throw new PyError("'*' is only read inside a list, a tuple or a call", expr, false);
    }
  }

  private lookupName(id: string, at: Span, scope: Scope): Value {
    const found = lookup(scope, id);
    if (found?.t === 'tensor' || found?.t === 'layer') this.touchedModel = true;
    if (found) return found;
    if (BUILTIN_NAMES.has(id)) return { t: 'builtin', name: id };
    const snippet = SNIPPET_NAMES[id];
    if (snippet) return { t: 'module', path: snippet };
    if (this.isLayerClass(id)) return { t: 'module', path: `keras.layers.${id}` };
    return unknown(`'${id}' is not defined (or comes from code netspec does not run)`, at);
  }

  private fstring(expr: Extract<Expr, { kind: 'fstring' }>, scope: Scope): Value {
    let out = '';
    for (const part of expr.parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const { code, conversion, spec } = splitField(part.code);
      const parsed = parseExpressionAt(code, part.offset);
      if (parsed instanceof SyntaxProblem) throw new PyError(parsed.message, { start: parsed.offset, end: parsed.offset + 1 }, false);
      const value = this.eval(parsed, scope);
      if (value.t === 'unknown') return this.noteUnknown(value);
      const text = formatField(value, conversion, spec);
      if (text === undefined) throw new PyError(`netspec cannot format ${describeValue(value)} in an f-string${spec ? ` with ':${spec}'` : ''}`, parsed, false);
      out += text;
    }
    this.budget.allocate(out.length, expr);
    return str(out);
  }

  private comprehension(expr: Extract<Expr, { kind: 'comprehension' }>, scope: Scope): Value {
    const inner: Scope = { vars: new Map(), parent: scope };
    const items: Value[] = [];
    const walk = (i: number): void => {
      const clause = expr.clauses[i];
      if (!clause) {
        items.push(this.eval(expr.element, inner));
        this.budget.allocate(1, expr);
        return;
      }
      if (clause.kind === 'if') {
        const truth = truthy(this.eval(clause.test, inner));
        if (truth === undefined) throw new PyError('netspec cannot decide this condition', clause.test, false);
        if (truth) walk(i + 1);
        return;
      }
      const iterable = this.eval(clause.iter, inner);
      if (iterable.t === 'unknown') throw new PyError(`netspec cannot loop over this: ${iterable.reason}`, clause.iter, false);
      for (const item of iterate(iterable, clause.iter, this.budget)) {
        this.budget.step(clause.iter);
        this.assign(clause.target, item, inner);
        walk(i + 1);
      }
    };
    walk(0);
    return expr.of === 'list' ? { t: 'list', items } : { t: 'tuple', items };
  }

  private slice(expr: Extract<Expr, { kind: 'slice' }>, scope: Scope): Value {
    const part = (e: Expr | undefined): Value => (e ? this.eval(e, scope) : NONE);
    return { t: 'tuple', items: [str('\0slice'), part(expr.lower), part(expr.upper), part(expr.step)] };
  }

  private attribute(object: Value, attr: string, at: Span): Value {
    switch (object.t) {
      case 'module':
        return { t: 'module', path: canonicalPath(`${object.path}.${attr}`) };
      case 'unknown':
        return object;
      case 'tensor':
        if (attr === 'shape' && object.tensor.shape) return { t: 'tuple', items: [NONE, ...object.tensor.shape.map((d) => (d === null ? NONE : int(d)))] };
        if (attr === 'shape')
          throw new PyError("netspec cannot compute this tensor's shape while reading (it comes from a layer netspec cannot size here)", at, true);
        throw new PyError(`tensor attribute .${attr} is not followed`, at, true);
      case 'model':
        if (attr === 'input' || attr === 'output' || attr === 'inputs' || attr === 'outputs') return modelEndpoint(object.model, attr, at);
        if (attr === 'name') return str(object.model.name);
        return { t: 'method', name: attr, self: object };
      case 'layer':
        if (attr === 'name') return str(object.layer.name);
        return { t: 'method', name: attr, self: object };
      case 'list':
      case 'dict':
      case 'str':
        return { t: 'method', name: attr, self: object };
      default:
        return unknown(`.${attr} of ${describeValue(object)} is not computed`, at);
    }
  }

  private call(expr: Extract<Expr, { kind: 'call' }>, scope: Scope): Value {
    const callee = this.eval(expr.callee, scope);
    const args = this.kerasArgs(callee, expr.args, scope);
    const all = [...args.positional.map((a) => a.value), ...[...args.keywords.values()].map((a) => a.value)];
    switch (callee.t) {
      case 'func':
        return this.callFunction(callee, args, expr);
      case 'builtin':
        return callBuiltin(callee.name, args, expr, this.budget);
      case 'module': {
        const result = this.world.call(callee.path, args, expr);
        if (result) return result;
        const reason = callee.path.startsWith('keras.applications.')
          ? `${callee.path}(...) builds a whole pretrained model, which netspec does not read from Python (its spec library has the keras.applications models, and netspec import reads the saved model's JSON)`
          : `${callee.path}(...) is not run by netspec`;
        return this.opaqueCall(calleeText(this.text, expr), all, expr, reason);
      }
      case 'layer':
      case 'model':
        return this.world.callLayer(callee, args.positional, args.keywords, expr);
      case 'method':
        return this.callMethod(callee.name, callee.self, args, expr);
      case 'class':
        if (all.some(holdsModelPart))
          throw new PyError(
            `${callee.name} is a custom class (line of its 'class' statement); netspec does not run class bodies`,
            expr,
            true,
            'python',
            'rewrite it with Keras layers, or declare it as a custom step in the spec',
          );
        return unknown(`${callee.name} is a custom class, which netspec does not run`, expr);
      case 'unknown':
        return this.opaqueCall(calleeText(this.text, expr), all, expr, callee.reason);
      default:
        throw new PyError(`${describeValue(callee)} cannot be called`, expr.callee, false);
    }
  }

  /** A call netspec does not follow: harmless unless model tensors flow into it. */
  private opaqueCall(name: string, args: Value[], at: Span, reason: string): Value {
    if (args.some(holdsTensor))
      throw new PyError(
        `netspec cannot follow '${name}(...)' on a tensor: ${reason}`,
        at,
        true,
        'python',
        'use Keras layers on tensors, or a custom step in the spec',
      );
    return unknown(reason, at);
  }

  /** Arguments of a call; where the callee builds part of the model, any problem with them is an error. */
  private kerasArgs(callee: Value, list: Argument[], scope: Scope): Args {
    const buildsModel = callee.t === 'layer' || callee.t === 'model' || (callee.t === 'module' && callee.path.startsWith('keras.'));
    try {
      return this.evalArgs(list, scope);
    } catch (err) {
      if (buildsModel && err instanceof PyError && !err.fatal) throw new PyError(err.message, err.at, true, err.code, err.help);
      throw err;
    }
  }

  private evalArgs(list: Argument[], scope: Scope): Args {
    const args: Args = { positional: [], keywords: new Map() };
    for (const arg of list) {
      const value = this.eval(arg.value, scope);
      if (arg.unpack === '*') {
        for (const item of iterate(value, arg, this.budget)) args.positional.push({ value: item, at: arg });
      } else if (arg.unpack === '**') {
        // Not fatal by itself: it only matters where a layer's arguments would go missing (then the statement reads the model).
        if (value.t !== 'dict')
          throw new PyError(`netspec cannot expand '**' here: it needs a dict it can compute, and this is ${describeValue(value)}`, arg, false);
        for (const [k, v] of value.entries.values()) if (k.t === 'str') args.keywords.set(k.v, { value: v, at: arg });
      } else if (arg.name !== undefined) args.keywords.set(arg.name, { value, at: arg.value });
      else args.positional.push({ value, at: arg.value });
    }
    return args;
  }

  private callFunction(fn: Extract<Value, { t: 'func' }>, args: Args, at: Span): Value {
    const scope: Scope = { vars: new Map(), parent: fn.scope };
    const params = fn.def.params;
    const positional = [...args.positional];
    const keywords = new Map(args.keywords);
    for (const p of params) {
      if (p.collect === '*' && p.name === '') continue;
      if (p.collect === '*') {
        scope.vars.set(p.name, { t: 'tuple', items: positional.splice(0).map((a) => a.value) });
        continue;
      }
      if (p.collect === '**') {
        const entries = new Map<string, [Value, Value]>();
        for (const [k, v] of keywords) entries.set(`s:${k}`, [str(k), v.value]);
        keywords.clear();
        scope.vars.set(p.name, { t: 'dict', entries });
        continue;
      }
      const given = positional.shift() ?? keywords.get(p.name);
      keywords.delete(p.name);
      if (given) scope.vars.set(p.name, given.value);
      else if (p.default) scope.vars.set(p.name, this.eval(p.default, fn.scope));
      else throw new PyError(`${fn.def.name}() is missing its argument '${p.name}'`, at, false);
    }
    if (positional.length > 0) throw new PyError(`${fn.def.name}() takes ${params.length} arguments; this call passes more`, at, false);
    const extra = [...keywords.keys()][0];
    if (extra !== undefined) throw new PyError(`${fn.def.name}() has no parameter '${extra}'`, at, false);
    this.budget.enter(at);
    try {
      this.execBlock(fn.def.body, scope);
    } catch (err) {
      if (err instanceof ReturnSignal) return err.value;
      throw err;
    } finally {
      this.budget.leave();
    }
    return NONE;
  }

  private callMethod(name: string, self: Value, args: Args, at: Span): Value {
    const first = args.positional[0];
    if (self.t === 'model') {
      if (name === 'add' && first) {
        this.world.addToSequential(self.model, first.value, first.at);
        return NONE;
      }
      const shape = first ?? args.keywords.get('input_shape');
      if (name === 'build' && shape) {
        this.world.build(self.model, shape.value, shape.at);
        return NONE;
      }
      if (name === 'get_layer' || name === 'pop') throw new PyError(`model.${name}() is not followed`, at, true);
      return unknown(`model.${name}() is not run by netspec`, at);
    }
    if (self.t === 'layer') throw new PyError(`layer.${name}() is not followed`, at, true);
    const result = callValueMethod(name, self, args, at, this.budget);
    if (result) return result;
    const all = [...args.positional.map((a) => a.value), ...[...args.keywords.values()].map((a) => a.value)];
    return this.opaqueCall(name, all, at, `.${name}() of ${describeValue(self)} is not computed`);
  }
}

function lookup(scope: Scope, id: string): Value | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const v = s.vars.get(id);
    if (v) return v;
  }
  return undefined;
}

function isKerasModule(path: string[]): boolean {
  const canonical = canonicalPath(path.join('.'));
  return canonical === 'keras' || canonical.startsWith('keras.') || canonical === 'tensorflow';
}

function modelEndpoint(model: Extract<Value, { t: 'model' }>['model'], attr: string, at: Span): Value {
  if (model.kind !== 'functional')
    throw new PyError(`.${attr} of a Sequential model is not followed; give it a keras.Input and use the functional API`, at, true);
  const list = attr.startsWith('input') ? model.inputs : model.outputs;
  const values: Value[] = list.map((tensor) => ({ t: 'tensor', tensor }));
  if (attr.endsWith('s')) return { t: 'list', items: values };
  return values.length === 1 ? (values[0] as Value) : { t: 'list', items: values };
}

function holdsTensor(value: Value): boolean {
  if (value.t === 'tensor') return true;
  if (value.t === 'list' || value.t === 'tuple') return value.items.some(holdsTensor);
  if (value.t === 'dict') return [...value.entries.values()].some(([, v]) => holdsTensor(v));
  return false;
}

function holdsModelPart(value: Value): boolean {
  return holdsTensor(value) || value.t === 'layer' || value.t === 'model';
}

function calleeText(text: string, expr: Extract<Expr, { kind: 'call' }>): string {
  return text.slice(expr.callee.start, expr.callee.end);
}
