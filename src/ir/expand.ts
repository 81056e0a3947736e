// spec → IR: walks the steps, unrolling repeat, dropping `when: false`, calling blocks, and
// building residual / inception / dense / sequential structures as groups of plain layer nodes.
import { DiagnosticError, type DiagnosticBag, type SourceRef } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/format.js';
import { isActivation } from '../layers/activations.js';
import { kindIndex, lookupKind, snakeCase } from '../layers/registry.js';
import type { Args, ArgValue, LayerKind } from '../layers/types.js';
import { mapGet, type Located, type LocatedMap, type LocatedSeq } from '../spec/yaml-tree.js';
import { STRUCTURE_KINDS, USE_KIND } from '../spec/schema.js';
import { checkExpect } from './expect.js';
import { extendEnv } from './env.js';
import { GraphBuilder } from './graph.js';
import type { IRNode } from './types.js';
import { Scope } from './scope.js';
import { parseOutputRef, splitTensorKey, tensorKey } from './tensor-ref.js';
import { readStep, type StepForm } from './step-form.js';
import { boolValue, countValue, evalScalarExpression, scalarText, stringList, type Env } from './values.js';
import { buildLayerArgs, callBlockParams } from './step-args.js';
import type { Value } from '../expr/index.js';
import { formatCount } from '../format/format.js';

export interface BlockDef {
  name: string;
  /** Names the block's inputs are bound to inside it; absent: one input, the flow. */
  inputNames?: { name: string; at: SourceRef }[];
  params?: LocatedMap;
  layers: LocatedSeq;
  at: SourceRef;
}

/**
 * The flow between steps: the current output's tensor key — a node name (for a node with several
 * outputs: all of them), or `enc[1]` for one output — or null after an error upstream.
 */
type Flow = string | null;

interface Ctx {
  scope: Scope;
  env: Env;
  groupPath: string[];
  trainable: boolean;
  blockStack: string[];
}

/**
 * Work the expansion may do, counted in steps visited and repeat iterations — not layers made —
 * so `repeat` whose iterations `when` all excludes, repeats of empty groups, and blocks that call
 * blocks several times each (exponential fan-out) end in a diagnostic within seconds. The largest
 * legal network (MAX_NODES layers) needs far fewer.
 */
export const MAX_EXPANSION_WORK = 1_000_000;
/** Errors (each occurrence, also of the same problem) after which expansion stops. */
export const MAX_EXPANSION_ERRORS = 10_000;
/** A group (block call or structure) costs more than a step: it is kept in the graph. */
const GROUP_WORK = 4;

const MERGE_KINDS: Record<string, string> = {
  concat: 'Concatenate',
  add: 'Add',
  multiply: 'Multiply',
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  subtract: 'Subtract',
};

export class Expander {
  private work = 0;
  private errors = 0;
  /** Names of steps that failed: a later reference to one only repeats that failure. */
  private readonly failedNames = new Set<string>();
  /** Calls per block, for "in 4 uses of block X" on a problem inside a block. */
  readonly blockUses = new Map<string, number>();
  /**
   * The spec's inputs when it declares several: the body then starts with no flow, and a step that
   * would read it (no `inputs:`) is an error rather than a guess at which input was meant.
   */
  ambiguousInputs: string[] | undefined;

  constructor(
    readonly graph: GraphBuilder,
    private readonly bag: DiagnosticBag,
    private readonly blocks: ReadonlyMap<string, BlockDef>,
    private readonly globals: Env,
    /** False when --set or --input changed the spec: its expect: figures describe another network. */
    private readonly checkExpectations = true,
  ) {}

  /** Expands a list of steps starting from `x`; returns the last output. */
  steps(list: Located | undefined, x: Flow, ctx: Ctx): Flow {
    if (!list || list.kind !== 'seq') return x;
    for (const item of list.items) x = this.step(item, x, ctx);
    return x;
  }

  /** Counts one unit of expansion work at `at`; past the budget, expansion stops there. */
  private spend(at: SourceRef, units = 1): void {
    this.work += units;
    if (this.work > MAX_EXPANSION_WORK) {
      throw new DiagnosticError(
        'too-large',
        `expanding the spec takes more than ${formatCount(MAX_EXPANSION_WORK)} steps (repeat, when and block calls multiply); stopped here`,
        at,
        'lower a repeat count, or remove a repeat whose iterations are all excluded by when',
      );
    }
  }

  private step(node: Located, x: Flow, outer: Ctx): Flow {
    this.spend(node.at);
    const ctx = this.withInput(outer, x);
    const form = this.guard(() => readStep(node, ctx.env), node.at);
    if (!form) return null;
    const repeat = form.keys.get('repeat');
    if (!repeat) return this.included(form, ctx) ? this.single(form, x, ctx, undefined) : x;
    const times = this.guard(() => countValue(repeat.kind === 'map' ? (mapGet(repeat, 'times') ?? repeat) : repeat, ctx.env, 'repeat'), repeat.at);
    if (times === undefined) return null;
    const loopVar = scalarText(mapGet(repeat, 'as')) ?? 'i';
    for (let i = 0; i < times; i++) {
      this.spend(repeat.at);
      // `when` is decided per iteration, with the index and this iteration's input in scope.
      const iteration = this.withInput({ ...ctx, env: extendEnv(ctx.env, { [loopVar]: i }) }, x);
      if (this.included(form, iteration)) x = this.single(form, x, iteration, i);
    }
    return x;
  }

  private included(form: StepForm, ctx: Ctx): boolean {
    const when = form.keys.get('when');
    return !when || this.guard(() => boolValue(when, ctx.env, 'when'), when.at) === true;
  }

  /** One (possibly repeated) instance of a step. */
  private single(form: StepForm, x: Flow, ctx: Ctx, iteration: number | undefined): Flow {
    const start = this.graph.nodes.length;
    const groupStart = this.graph.groups.length;
    const trainableNode = form.keys.get('trainable');
    const trainable = trainableNode ? this.guard(() => boolValue(trainableNode, ctx.env, 'trainable'), trainableNode.at) : form.trainable;
    const local: Ctx = trainable === false ? { ...ctx, trainable: false } : ctx;
    const name = this.guard(() => this.stepName(form, ctx, iteration), form.at);
    const inputs = this.guard(() => this.inputsOf(form, x, ctx), form.at);
    if (inputs === undefined || name === null) return null;
    const out = this.guard(() => this.dispatch(form, inputs, name, this.withInputs(local, inputs)), form.at) ?? null;
    if (out === null && name !== undefined) this.failedNames.add(name);
    if (out !== null && name !== undefined) {
      ctx.scope.attachCall(name, {
        inputs: inputs as string[],
        nodes: { start, end: this.graph.nodes.length },
        groups: { start: groupStart, end: this.graph.groups.length },
      });
    }
    const expect = form.keys.get('expect');
    if (expect && out !== null && this.checkExpectations)
      checkExpect(expect, this.graph.nodes.slice(start), this.graph.nodeOf(out)!, this.bag, this.graph.expectFailures, true);
    return out;
  }

  private dispatch(form: StepForm, inputs: Flow[], name: string | undefined, ctx: Ctx): Flow {
    const kind = form.kindName;
    if (kind === USE_KIND) return this.callAgain(form, inputs, name, ctx);
    if ((STRUCTURE_KINDS as readonly string[]).includes(kind)) return this.structure(form, single(inputs, form), name, ctx);
    const block = this.blocks.get(kind);
    if (block) return this.callBlock(block, form, inputs, name, ctx);
    const layerKind = resolveLayerKind(form);
    if (!layerKind) {
      const candidates = [...kindIndex().keys(), ...this.blocks.keys(), ...STRUCTURE_KINDS];
      throw new DiagnosticError('unknown-kind', `unknown layer kind '${kind}'`, form.kindAt, didYouMean(kind, candidates));
    }
    const args = isActivation(kind) && layerKind.className === 'Activation' ? { activation: kind } : buildLayerArgs(layerKind, form, ctx.env);
    return this.layer(layerKind, args, inputs, name, form.at, ctx);
  }

  /** Adds one layer node; `name` undefined means an automatic Keras-style name. */
  layer(kind: LayerKind, args: Args, flows: Flow[], name: string | undefined, at: SourceRef, ctx: Ctx): Flow {
    if (flows.some((i) => i === null)) return null;
    const inputs = (flows as string[]).flatMap((key) => this.graph.tensors(key));
    const count = inputs.length;
    if (count < kind.inputs.min || count > kind.inputs.max) {
      const whole = (flows as string[]).find((key) => this.graph.tensors(key).length > 1);
      if (whole !== undefined && count > kind.inputs.max) throw severalOutputs(kind, whole, this.graph.nodeOf(whole)!, at);
      const want =
        kind.inputs.min === kind.inputs.max
          ? `${kind.inputs.min}`
          : `${kind.inputs.min} to ${kind.inputs.max === Infinity ? 'any number of' : kind.inputs.max}`;
      throw new DiagnosticError(
        'inputs',
        `${kind.className} takes ${want} input${kind.inputs.max === 1 ? '' : 's'}, got ${count}${count === 0 ? ' (is there an input before it?)' : ''}`,
        at,
      );
    }
    const local = name ?? ctx.scope.autoName(snakeCase(kind.className));
    const node = this.graph.addNode({
      name: ctx.scope.qualify(local),
      kind,
      args,
      inputs: inputs as string[],
      trainable: ctx.trainable,
      groupPath: ctx.groupPath,
      source: at,
    });
    if (name !== undefined) ctx.scope.bind(name, { node: node.name, at });
    return node.name;
  }

  private structure(form: StepForm, x: Flow, name: string | undefined, ctx: Ctx): Flow {
    const { scope, inner } = this.openGroup(form.kindName, form, name, ctx);
    const body = form.body;
    let out: Flow;
    switch (form.kindName) {
      case 'sequential':
        out = this.steps(body, x, inner);
        break;
      case 'residual':
        out = this.residual(body as LocatedMap, x, inner, form.at);
        break;
      case 'inception':
        out = this.inception(body as LocatedMap, x, inner, form.at);
        break;
      default:
        out = this.denseBlock(body as LocatedMap, x, inner, form.at);
    }
    if (name !== undefined && out !== null) ctx.scope.bind(name, { node: out, scope, at: form.at });
    return out;
  }

  private residual(body: LocatedMap, x: Flow, ctx: Ctx, at: SourceRef): Flow {
    const main = this.steps(mapGet(body, 'body'), x, ctx);
    const shortcut = this.steps(mapGet(body, 'shortcut'), x, ctx);
    const scaleNode = mapGet(body, 'scale');
    const scale = scaleNode ? this.guard(() => buildScale(scaleNode, ctx.env), scaleNode.at) : undefined;
    const mergeKind = requireKind(scale === undefined ? 'Add' : 'CustomScaleLayer', at);
    const merged = this.layer(
      mergeKind,
      scale === undefined ? buildMergeArgs(mergeKind) : buildMergeArgs(mergeKind, { scale }),
      [shortcut, main],
      undefined,
      at,
      ctx,
    );
    const activation = scalarText(mapGet(body, 'activation'));
    if (!activation) return merged;
    return this.layer(requireKind('Activation', at), { activation }, [merged], undefined, at, ctx);
  }

  private inception(body: LocatedMap, x: Flow, ctx: Ctx, at: SourceRef): Flow {
    const branches = mapGet(body, 'branches');
    const outs = branches?.kind === 'seq' ? branches.items.map((branch) => this.steps(branch, x, ctx)) : [];
    const mode = scalarText(mapGet(body, 'merge')) ?? 'concat';
    const kind = requireKind(MERGE_KINDS[mode] ?? 'Concatenate', at);
    const axisNode = mapGet(body, 'axis');
    const extra: Record<string, ArgValue> = axisNode?.kind === 'scalar' && typeof axisNode.value === 'number' ? { axis: axisNode.value } : {};
    return this.layer(kind, buildMergeArgs(kind, extra), outs, undefined, at, ctx);
  }

  private denseBlock(body: LocatedMap, x: Flow, ctx: Ctx, at: SourceRef): Flow {
    const repeatNode = mapGet(body, 'repeat')!;
    const times = countValue(repeatNode, ctx.env, 'dense_block repeat');
    const concat = requireKind('Concatenate', at);
    for (let i = 0; i < times; i++) {
      this.spend(repeatNode.at);
      const env = extendEnv(ctx.env, { i });
      const y = this.steps(mapGet(body, 'body'), x, { ...ctx, env });
      x = this.layer(concat, buildMergeArgs(concat), [x, y], undefined, at, ctx);
    }
    return x;
  }

  private callBlock(block: BlockDef, form: StepForm, inputs: Flow[], name: string | undefined, ctx: Ctx): Flow {
    const declared = block.inputNames ?? [];
    if (declared.length > 1 && inputs.length !== declared.length) {
      throw new DiagnosticError(
        'inputs',
        `block '${block.name}' takes ${declared.length} inputs (${declared.map((d) => d.name).join(', ')}), got ${inputs.length}`,
        form.at,
        'pass them with `inputs: [...]`',
      );
    }
    const x = declared.length > 1 ? (inputs[0] ?? null) : single(inputs, form);
    if (ctx.blockStack.includes(block.name)) {
      throw new DiagnosticError('recursive-block', `block '${block.name}' calls itself (${[...ctx.blockStack, block.name].join(' → ')})`, form.kindAt);
    }
    this.blockUses.set(block.name, (this.blockUses.get(block.name) ?? 0) + 1);
    const params = callBlockParams(block, form, ctx.env, this.globals);
    const { scope, inner } = this.openGroup(block.name, form, name, ctx, block.name);
    const env = new Map<string, Value>(this.globals);
    for (const [k, v] of params) env.set(k, v);
    declared.forEach((d, i) => {
      const node = inputs[i];
      if (node) inner.scope.bind(d.name, { node, at: d.at });
    });
    const out = this.steps(block.layers, x, { ...inner, env, blockStack: [...ctx.blockStack, block.name] });
    if (name !== undefined && out !== null) ctx.scope.bind(name, { node: out, scope, at: form.at });
    return out;
  }

  /**
   * `use: NAME`: the layers NAME's step made, called again on this step's inputs with the same
   * weights (a Keras layer or nested model called twice). A layer gives one node; a block or
   * structure gives a group of the same nodes, each marked as sharing its original's weights.
   */
  private callAgain(form: StepForm, inputs: Flow[], name: string | undefined, ctx: Ctx): Flow {
    const body = form.body;
    const ref = body?.kind === 'scalar' && typeof body.value === 'string' ? body.value : undefined;
    if (!body || ref === undefined)
      throw new DiagnosticError('step', '`use:` takes the name of an earlier step', body?.at ?? form.at, 'e.g. {use: tower, inputs: right}');
    const binding = ctx.scope.lookup(ref, body.at);
    const call = binding.call;
    if (!call)
      throw new DiagnosticError(
        'use',
        `'${ref}' is a model input, not a step: it has no layers to call again`,
        body.at,
        '`use:` names a step that has `name:`',
      );
    const trainable = form.keys.get('trainable');
    if (trainable)
      throw new DiagnosticError(
        'step',
        "`trainable` belongs to the layers, not to one call of them: a `use:` call shares the first call's setting",
        trainable.at,
        `set trainable on '${ref}'`,
      );
    if (inputs.some((i) => i === null)) return null;
    if (inputs.length !== call.inputs.length) {
      throw new DiagnosticError(
        'inputs',
        `'${ref}' was called on ${call.inputs.length} input${call.inputs.length === 1 ? '' : 's'} (${call.inputs.join(', ')}), this use: passes ${inputs.length}`,
        form.at,
        'pass as many with `inputs: [...]`',
      );
    }
    const rename = new Map(call.inputs.map((original, i) => [original, inputs[i]!]));
    /** An input of an original node, as read in this call: `enc[1]` follows `enc`'s rename. */
    const renamed = (key: string): string => {
      const direct = rename.get(key);
      if (direct !== undefined) return direct;
      const { node, index } = splitTensorKey(key);
      const base = rename.get(node);
      if (base === undefined) return key;
      // Output k of what the original call read whole: output k of what this call reads.
      return index === undefined || splitTensorKey(base).index !== undefined ? base : tensorKey(base, index);
    };
    const originals = this.graph.nodes.slice(call.nodes.start, call.nodes.end);
    const again = (original: IRNode, newName: string, groupPath: string[]): void => {
      this.spend(form.at);
      const node = this.graph.addNode({
        name: newName,
        kind: requireKind(original.kind, form.at),
        args: original.args,
        inputs: this.graph.inputKeys(original).map(renamed),
        trainable: original.trainable,
        groupPath,
        source: form.at,
        sharedWith: original,
      });
      rename.set(original.name, node.name);
    };
    if (!binding.scope) {
      const original = this.graph.get(binding.node)!;
      const local = name ?? ctx.scope.autoName(lastSegment(original.name));
      again(original, ctx.scope.qualify(local), ctx.groupPath);
      if (name !== undefined) ctx.scope.bind(name, { node: rename.get(original.name)!, at: form.at });
      return rename.get(original.name)!;
    }
    const from = binding.scope.prefix;
    const rootGroup = this.graph.groups[call.groups.start]!;
    const { scope, inner } = this.openGroup(rootGroup.kind, form, name, ctx, rootGroup.blockName, {
      segment: lastSegment(from),
      sharedWith: rootGroup.sharedWith ?? rootGroup.id,
    });
    const groupIds = new Map([[rootGroup.id, inner.groupPath[inner.groupPath.length - 1]!]]);
    for (const group of this.graph.groups.slice(call.groups.start + 1, call.groups.end)) {
      const copy = this.graph.openGroup(
        scope.prefix + group.id.slice(from.length),
        group.kind,
        groupIds.get(group.parent ?? '') ?? null,
        form.at,
        group.blockName,
        group.sharedWith ?? group.id,
      );
      groupIds.set(group.id, copy.id);
    }
    for (const original of originals) {
      const path = [...ctx.groupPath, ...original.groupPath.filter((id) => groupIds.has(id)).map((id) => groupIds.get(id)!)];
      again(original, scope.prefix + original.name.slice(from.length), path);
    }
    const out = rename.get(binding.node) ?? binding.node;
    if (name !== undefined) ctx.scope.bind(name, { node: out, scope, at: form.at });
    return out;
  }

  private openGroup(
    kind: string,
    form: StepForm,
    name: string | undefined,
    ctx: Ctx,
    blockName?: string,
    shared?: { segment: string; sharedWith: string },
  ): { scope: Scope; inner: Ctx } {
    this.spend(form.at, GROUP_WORK);
    const segment = name ?? ctx.scope.autoName(shared?.segment ?? kind);
    const scope = ctx.scope.child(segment);
    const parent = ctx.groupPath[ctx.groupPath.length - 1] ?? null;
    const group = this.graph.openGroup(scope.prefix, blockName ? 'block' : kind, parent, form.at, blockName, shared?.sharedWith);
    return { scope, inner: { ...ctx, scope, groupPath: [...ctx.groupPath, group.id] } };
  }

  private stepName(form: StepForm, ctx: Ctx, iteration: number | undefined): string | undefined {
    const template = form.name;
    if (template === undefined) return undefined;
    let name = template.includes('{') ? interpolate(template, ctx.env, form.nameAt ?? form.at) : template;
    if (iteration !== undefined && !template.includes('{')) name = `${template}_${iteration}`;
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
      throw new DiagnosticError('bad-name', `'${name}' is not a valid name (letters, digits, '_' and '-', not starting with a digit)`, form.nameAt ?? form.at);
    }
    ctx.scope.claim(name, form.nameAt ?? form.at);
    return name;
  }

  private inputsOf(form: StepForm, x: Flow, ctx: Ctx): Flow[] {
    const explicit = form.keys.get('inputs');
    const withNode = form.keys.get('with');
    const resolve = (ref: { name: string; at: SourceRef }): string =>
      this.reference(ref.name.includes('{') ? interpolate(ref.name, ctx.env, ref.at) : ref.name, ref.at, ctx.scope);
    if (explicit) return stringList(explicit).map(resolve);
    if (x === null && this.ambiguousInputs && !this.bag.hasErrors) {
      const names = this.ambiguousInputs;
      throw new DiagnosticError(
        'ambiguous-input',
        `this step reads the previous output, but nothing precedes it and the spec has ${names.length} inputs (${names.join(', ')})`,
        form.at,
        `say which input it reads: add \`inputs: [${names[0]}]\` (the mapping form: {${form.kindName}: {…}, inputs: [${names[0]}]})`,
      );
    }
    const extra = stringList(withNode).map(resolve);
    if (x === null && this.graph.nodes.length > 0) return [null, ...extra];
    return x === null ? extra : [x, ...extra];
  }

  /**
   * A name in `inputs:`, `with:` or `outputs:` as a tensor key: `enc`, `stage2.enc`, or `enc[1]`
   * (output 1 of a step with several outputs; negative counts from the end, as in Python).
   */
  reference(text: string, at: SourceRef, scope: Scope): string {
    const ref = parseOutputRef(text);
    const node = scope.resolve(ref.name, at);
    if (ref.index === undefined) return node;
    const found = this.graph.get(node);
    const names = found?.outputNames;
    if (!found || !names) {
      throw new DiagnosticError(
        'output-index',
        `'${ref.name}' has one output, so '${text}' picks nothing`,
        at,
        `write '${ref.name}'; a subscript picks one output of a step with several (return_state=True, Bidirectional merge_mode=None)`,
      );
    }
    const index = ref.index < 0 ? ref.index + names.length : ref.index;
    if (index < 0 || index >= names.length) {
      throw new DiagnosticError(
        'output-index',
        `'${text}': '${ref.name}' has ${names.length} outputs (${outputList(ref.name, names)}), so index ${ref.index} is out of range`,
        at,
        `use ${ref.name}[0] to ${ref.name}[${names.length - 1}]`,
      );
    }
    return tensorKey(node, index);
  }

  /** Makes the step's input visible to its expressions: `in_shape` (no batch) and `in_channels`. */
  private withInput(ctx: Ctx, x: Flow): Ctx {
    const shape = x === null ? undefined : this.graph.tensorShape(x);
    if (!shape) return ctx;
    const env = extendEnv(ctx.env, { in_shape: shape, in_channels: shape[shape.length - 1] ?? null });
    return { ...ctx, env };
  }

  /** As withInput for the first input, plus `in_shapes`: every input's shape, for multi-input steps. */
  private withInputs(ctx: Ctx, inputs: Flow[]): Ctx {
    const first = this.withInput(ctx, inputs[0] ?? null);
    const shapes = inputs.map((x) => (x === null ? null : (this.graph.tensorShape(x) ?? null)));
    return { ...first, env: extendEnv(first.env, { in_shapes: shapes }) };
  }

  /**
   * One mistake, one message: after a step failed, "unknown name" for that step's name, or for
   * in_shape/in_channels where the failed step left no input, only repeats the first error.
   */
  private followsFromEarlier(err: DiagnosticError): boolean {
    const name = unknownName(err);
    if (name === undefined || !this.bag.hasErrors) return false;
    return this.failedNames.has(name) || INPUT_NAMES.has(name);
  }

  /** Runs `fn`; a DiagnosticError becomes a reported diagnostic and the result undefined. */
  guard<T>(fn: () => T, at: SourceRef): T | undefined {
    try {
      return fn();
    } catch (err) {
      // Too large is fatal: carrying on would spin through the rest of a runaway repeat.
      if (err instanceof DiagnosticError && err.code !== 'too-large' && err.code !== 'too-many-errors') {
        if (!this.followsFromEarlier(err)) this.bag.fromError(err, at);
        // An error in every iteration of a large repeat is the same mistake: stop reporting it.
        if (++this.errors >= MAX_EXPANSION_ERRORS) {
          throw new DiagnosticError(
            'too-many-errors',
            `stopped after ${formatCount(MAX_EXPANSION_ERRORS)} errors (counting repeats of the same one); fix those above first`,
            err.at ?? at,
          );
        }
        return undefined;
      }
      throw err;
    }
  }
}

/** The name an "unknown name 'x'" error is about. */
function unknownName(err: DiagnosticError): string | undefined {
  if (err.code !== 'unknown-name' && err.code !== 'expr-name') return undefined;
  return /^unknown name '([^'.]+)/.exec(err.message)?.[1];
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

const INPUT_NAMES = new Set(['in_shape', 'in_channels', 'in_shapes']);

/** `enc[0] output, enc[1] state_h, enc[2] state_c` */
function outputList(name: string, names: readonly string[]): string {
  return names.map((n, k) => `${name}[${k}] ${n}`).join(', ');
}

/**
 * A one-input layer fed the whole output of a step with several: Keras refuses it ("expects 1
 * input(s), but it received 3 input tensors"), and which one was meant is the spec's to say.
 */
function severalOutputs(kind: LayerKind, key: string, node: IRNode, at: SourceRef): DiagnosticError {
  const local = lastSegment(node.name);
  const names = node.outputNames ?? [];
  return new DiagnosticError(
    'several-outputs',
    `${kind.className} takes ${kind.inputs.max === 1 ? 'one input' : `at most ${kind.inputs.max} inputs`}, but '${local}' (${node.kind}) has ${names.length} outputs: ${outputList(local, names)}`,
    at,
    `pick one output by its step's name: \`inputs: ['${local}[0]']\` (quoted in a [...] list; name the step with \`name:\` if it has none), or pass them all to a merge layer`,
  );
}

function single(inputs: Flow[], form: StepForm): Flow {
  if (inputs.length > 1) throw new DiagnosticError('inputs', `'${form.kindName}' takes one input, got ${inputs.length}`, form.at);
  return inputs[0] ?? null;
}

function resolveLayerKind(form: StepForm): LayerKind | undefined {
  const plainActivation = isActivation(form.kindName) && form.argCount === 0;
  if (plainActivation) return lookupKind('Activation');
  const bare = form.kindName.includes('.') ? form.kindName.slice(form.kindName.lastIndexOf('.') + 1) : form.kindName;
  return lookupKind(bare);
}

function requireKind(className: string, at: SourceRef): LayerKind {
  const kind = lookupKind(className);
  if (!kind) throw new DiagnosticError('unknown-kind', `layer kind '${className}' is not available`, at);
  return kind;
}

function buildMergeArgs(kind: LayerKind, given: Record<string, ArgValue> = {}): Args {
  const args: Args = {};
  for (const [key, spec] of Object.entries(kind.args)) args[key] = given[key] ?? spec.default ?? null;
  return args;
}

function buildScale(node: Located, env: Env): number {
  const value = node.kind === 'scalar' && typeof node.value === 'string' ? evalScalarExpression(node, env) : node.kind === 'scalar' ? node.value : null;
  if (typeof value !== 'number') throw new DiagnosticError('type', 'scale must be a number', node.at);
  return value;
}

/** `enc{i + 1}` → `enc3` with i = 2. */
function interpolate(template: string, env: Env, at: SourceRef): string {
  return template.replace(/\{([^{}]*)\}/g, (_, source: string) => {
    const scalar = {
      kind: 'scalar' as const,
      value: source,
      quoted: false,
      contentStart: at.start ?? 0,
      at: { file: at.file, start: at.start ?? 0, end: at.end ?? 0 },
    };
    return String(evalScalarExpression(scalar, env));
  });
}
