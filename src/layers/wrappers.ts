// Wrapper layers take a layer as their first argument (`Bidirectional(LSTM(64))`,
// `TimeDistributed(Dense(10))`); the IR holds it as {class_name, config} with the config normalised
// (src/layers/args.ts). The registry hands in its lookup, so this module does not import it.
import { kerasCompatArgs } from './common-args.js';
import { formatTuple } from '../format/format.js';
import { argStr, requireMinRank } from './shape-math.js';
import { noTfjsEquivalent } from './tfjs-util.js';
import {
  LayerError,
  type Args,
  type ArgSpec,
  type BuildContext,
  type LayerArgValue,
  type LayerKind,
  type NamedOutput,
  type Shape,
  type SymbolicTensor,
  type Tf,
} from './types.js';

type Lookup = (name: string) => LayerKind | undefined;

const layerArg: ArgSpec = { type: 'layer', required: true, doc: 'The wrapped layer, e.g. LSTM(64, return_sequences=True).' };

/** The wrapped layer's kind and normalised arguments. */
function inner(lookup: Lookup, args: Args): { kind: LayerKind; args: Args } {
  const layer = args.layer as LayerArgValue;
  return { kind: lookup(layer.class_name)!, args: layer.config };
}

interface Direction {
  kind: LayerKind;
  args: Args;
  output: Shape;
  params: { trainable: number; nonTrainable: number };
  macs: number;
}

/** The backward direction: `backward_layer` when given, else the wrapped layer with go_backwards flipped. */
function backward(lookup: Lookup, args: Args): { kind: LayerKind; args: Args } {
  if (args.backward_layer === null) {
    const forward = inner(lookup, args);
    return { kind: forward.kind, args: { ...forward.args, go_backwards: !forward.args.go_backwards } };
  }
  const layer = args.backward_layer as LayerArgValue;
  return { kind: lookup(layer.class_name)!, args: layer.config };
}

/** The same layer with go_backwards flipped: what Bidirectional builds when no backward_layer is given. */
function isCopyOf(forward: LayerArgValue, back: LayerArgValue): boolean {
  if (forward.class_name !== back.class_name || forward.config.go_backwards === back.config.go_backwards) return false;
  return JSON.stringify({ ...forward.config, go_backwards: null }) === JSON.stringify({ ...back.config, go_backwards: null });
}

/** Keras's Bidirectional merge modes; None (nullable) returns the two directions as two outputs. */
const MERGE_MODES = ['concat', 'sum', 'mul', 'ave'] as const;

/**
 * Bidirectional's `initial_state`: the forward layer's states, then the backward layer's, each of
 * its state's shape. Keras checks neither until the model runs.
 */
function checkBidirectionalStates(given: Shape[], forward: Direction, back: Direction): void {
  if (given.length === 0) return;
  const states = (side: Direction, prefix: string) =>
    (side.kind.outputs?.([], { ...side.args, return_state: true }, side.output) ?? []).slice(1).map((o) => ({ name: `${prefix}_${o.name}`, shape: o.shape }));
  const wanted = [...states(forward, 'forward'), ...states(back, 'backward')];
  const shapeText = (shape: Shape) => formatTuple([null, ...shape]);
  if (given.length !== wanted.length)
    throw new LayerError(
      `initial_state: Bidirectional takes ${wanted.length} states (${wanted.map((w) => w.name).join(', ')}) after the sequence, got ${given.length}`,
    );
  given.forEach((shape, i) => {
    const want = wanted[i]!.shape;
    const fits = shape.length === want.length && shape.every((d, k) => d === null || want[k] === null || d === want[k]);
    if (!fits) throw new LayerError(`initial_state: input ${i + 2} (${wanted[i]!.name}) has shape ${shapeText(shape)}, the state is ${shapeText(want)}`);
  });
}

/** The merge mode as Keras writes it: None for two outputs. */
const modeText = (args: Args): string => (args.merge_mode === null ? 'None' : argStr(args, 'merge_mode'));

/**
 * Bidirectional's outputs in Keras's order: the merged output, or with merge_mode=None the forward
 * and backward outputs; then with return_state the forward states and the backward states.
 */
function bidirectionalOutputs(args: Args, forward: Direction, back: Direction, merged: Shape): NamedOutput[] {
  const main =
    args.merge_mode === null
      ? [
          { name: 'forward', shape: forward.output },
          { name: 'backward', shape: back.output },
        ]
      : [{ name: 'output', shape: merged }];
  const states = (side: Direction, prefix: string) =>
    (side.kind.outputs?.([], side.args, side.output) ?? []).slice(1).map((o) => ({ name: `${prefix}_${o.name}`, shape: o.shape }));
  return [...main, ...states(forward, 'forward'), ...states(back, 'backward')];
}

/**
 * The wrapped layer as one tfjs layer object, not yet part of the model: it is built on a
 * throwaway input and taken from its output (tfjs's wrappers clone or wrap a layer object).
 * Kinds that build a subgraph become a nested tfjs model.
 */
function innerTfLayer(tf: Tf, kind: LayerKind, args: Args, ctx: BuildContext, inputShape: Shape, outputShape: Shape, part: string) {
  const name = ctx.helperName ? ctx.helperName(part) : `${ctx.name}__${part}`;
  const input = tf.input({ shape: inputShape as number[] });
  const outputs = kind.outputs?.([inputShape], args, outputShape) ?? [];
  const outputShapes = outputs.length > 1 ? { outputShapes: outputs.map((o) => o.shape) } : {};
  const { outputShapes: _wrapper, ...own } = ctx;
  const built = kind.build(tf, args, { ...own, name, inputShapes: [inputShape], outputShape, ...outputShapes })([input]);
  // A layer with return_state gives [output, states…]; they all come from the one layer.
  const output = Array.isArray(built) ? built[0]! : built;
  const source = output.sourceLayer;
  const direct = source.inboundNodes.length === 1 && source.inboundNodes[0]!.inputTensors.length === 1 && source.inboundNodes[0]!.inputTensors[0] === input;
  if (!direct) return tf.model({ inputs: input, outputs: built, name: `${name}_model` });
  // An unbuilt copy from its config: built inside the wrapper, its weights get the names a loaded model.json gives them.
  const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap[source.getClassName()]!;
  return fromConfig(cls, source.getConfig() as never) as typeof source;
}

export function defineWrappers(lookup: Lookup): { Bidirectional: LayerKind; TimeDistributed: LayerKind } {
  /** The two directions: the wrapped layer and either `backward_layer` or the wrapped layer's copy. */
  const directions = (args: Args, input: Shape) =>
    [inner(lookup, args), backward(lookup, args)].map((side) => {
      const output = side.kind.outputShape([input], side.args);
      return { ...side, output, params: side.kind.params([input], side.args, output), macs: side.kind.macs([input], side.args, output) };
    }) as [Direction, Direction];

  const Bidirectional: LayerKind = {
    className: 'Bidirectional',
    family: 'sequence',
    doc: 'Runs a recurrent layer forwards and a copy backwards over the sequence and merges the two outputs (merge_mode).',
    args: {
      layer: layerArg,
      merge_mode: {
        type: 'enum',
        values: MERGE_MODES,
        default: 'concat',
        nullable: true,
        doc: "How the two outputs combine: 'concat', 'sum', 'mul' or 'ave'; None returns both as two outputs (`name[0]`, `name[1]`).",
      },
      weights: { type: 'any', default: null, doc: 'Initial weights (accepted; not used by the IR).' },
      backward_layer: {
        type: 'layer',
        default: null,
        nullable: true,
        doc: "The backward layer, when it is not the wrapped layer's copy (with go_backwards=True).",
      },
      dtype: kerasCompatArgs.dtype!,
    },
    positional: ['layer', 'merge_mode', 'weights', 'backward_layer'],
    /** The sequence, then optionally the initial states: the forward layer's, then the backward layer's (at most 2 + 2). */
    inputs: { min: 1, max: 5 },
    /** A backward_layer that is the wrapped layer's own copy (Keras saves it in every config) is the default. */
    derive(args) {
      if (args.backward_layer !== null && isCopyOf(args.layer as LayerArgValue, args.backward_layer as LayerArgValue)) args.backward_layer = null;
    },
    check(args) {
      const sides = args.backward_layer === null ? [inner(lookup, args)] : [inner(lookup, args), backward(lookup, args)];
      for (const { kind } of sides) {
        if (!('go_backwards' in kind.args)) {
          throw new LayerError(`the wrapped layer must be recurrent (SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D), not ${kind.className}`, 'argument');
        }
      }
      if (sides.length === 2) {
        const [forward, back] = [sides[0]!, sides[1]!];
        if (forward.args.go_backwards === back.args.go_backwards)
          throw new LayerError('the forward and backward layers must have different go_backwards values', 'argument');
        if (forward.args.return_sequences !== back.args.return_sequences)
          throw new LayerError('the forward and backward layers must have the same return_sequences', 'argument');
        if (forward.args.return_state !== back.args.return_state)
          throw new LayerError('the forward and backward layers must have the same return_state', 'argument');
      }
    },
    outputShape(inputs, args) {
      const input = inputs[0];
      const [forward, back] = directions(args, input!);
      checkBidirectionalStates(inputs.slice(1), forward, back);
      const mode = modeText(args);
      if (JSON.stringify(forward.output) !== JSON.stringify(back.output)) {
        // Keras declares 2 × the forward output for 'concat' but computes forward + backward: refused, as Keras's own next layer would fail.
        throw new LayerError(
          `the forward and backward layers must give the same output shape for merge_mode='${mode}', got ${formatTuple(forward.output)} and ${formatTuple(back.output)}`,
        );
      }
      if (mode !== 'concat') return forward.output;
      const last = forward.output.at(-1) ?? null;
      return [...forward.output.slice(0, -1), last === null ? null : 2 * last];
    },
    outputs([input], args, output) {
      const [forward, back] = directions(args, input!);
      return bidirectionalOutputs(args, forward, back, output);
    },
    params([input], args) {
      const [forward, back] = directions(args, input!);
      return { trainable: forward.params.trainable + back.params.trainable, nonTrainable: forward.params.nonTrainable + back.params.nonTrainable };
    },
    /** Both directions; the merge itself is elementwise and counts 0, as merges do. */
    macs([input], args) {
      const [forward, back] = directions(args, input!);
      return forward.macs + back.macs;
    },
    receptive: () => ({ kind: 'global' }),
    explain(inputs, args, output) {
      const input = inputs[0];
      const [forward, back] = directions(args, input!);
      const mode = modeText(args);
      const total = (d: Direction) => d.params.trainable + d.params.nonTrainable;
      const copy = args.backward_layer === null;
      return [
        `forward: ${forward.kind.label(forward.args)} on ${formatTuple(input!)}`,
        ...forward.kind.explain([input!], forward.args, forward.output).map((line) => `  ${line}`),
        ...(copy
          ? ['backward: a copy of the forward layer with go_backwards flipped']
          : [`backward: ${back.kind.label(back.args)}`, ...back.kind.explain([input!], back.args, back.output).map((line) => `  ${line}`)]),
        mode === 'concat'
          ? `output = concat(forward, backward) on the last axis = ${formatTuple(output)}`
          : mode === 'None'
            ? `outputs = forward ${formatTuple(forward.output)}, backward ${formatTuple(back.output)} (merge_mode=None: not merged)`
            : `output = ${mode}(forward, backward) = ${formatTuple(output)}`,
        ...(forward.args.return_state ? ['return_state: then the forward states, then the backward states (no parameters, no MACs)'] : []),
        ...(inputs.length > 1 ? [`initial_state = inputs 2–${inputs.length}: the forward layer's states, then the backward layer's (no parameters)`] : []),
        copy ? `params = 2·${total(forward)} = ${2 * total(forward)}` : `params = ${total(forward)} + ${total(back)} = ${total(forward) + total(back)}`,
        copy ? `MACs = 2·${forward.macs} = ${2 * forward.macs}` : `MACs = ${forward.macs} + ${back.macs} = ${forward.macs + back.macs}`,
      ];
    },
    build(tf, args, ctx) {
      if (args.backward_layer !== null)
        noTfjsEquivalent(`Bidirectional with its own backward_layer (TensorFlow.js builds the backward layer as the forward layer's copy)`);
      const wrapped = inner(lookup, args);
      const inputShape = ctx.inputShapes[0]!;
      const layer = innerTfLayer(tf, wrapped.kind, wrapped.args, ctx, inputShape, wrapped.kind.outputShape([inputShape], wrapped.args), 'layer');
      const bidirectional = tf.layers.bidirectional({
        name: ctx.name,
        layer: layer as Parameters<typeof tf.layers.bidirectional>[0]['layer'],
        // null: tfjs's Bidirectional returns [forward, backward] as Keras does (undefined would mean 'concat').
        mergeMode: args.merge_mode as 'concat' | null as 'concat',
        trainable: ctx.trainable,
      });
      // tfjs's Bidirectional extends its input spec with the initial states' and takes it from the
      // wrapped layer, which netspec's own recurrent layers do not set.
      bidirectional.inputSpec ??= [new tf.InputSpec({ ndim: inputShape.length + 1 })];
      // Initial states as further inputs: tfjs's Bidirectional gives the first half to the forward layer, as Keras does.
      return (inputs) => bidirectional.apply(inputs.length === 1 ? inputs[0]! : inputs) as SymbolicTensor | SymbolicTensor[];
    },
    label(args) {
      const wrapped = inner(lookup, args);
      if (args.backward_layer === null) return `Bi${wrapped.kind.label(wrapped.args)} · ${modeText(args)}`;
      const back = backward(lookup, args);
      return `${wrapped.kind.label(wrapped.args)} ⇄ ${back.kind.label(back.args)} · ${modeText(args)}`;
    },
  };

  const TimeDistributed: LayerKind = {
    className: 'TimeDistributed',
    family: 'sequence',
    doc: 'Applies the wrapped layer to every time step (axis 1) of the input with the same weights.',
    args: { layer: layerArg, dtype: kerasCompatArgs.dtype! },
    positional: ['layer'],
    inputs: { min: 1, max: 1 },
    outputShape([input], args) {
      const x = requireMinRank(input, 2, 'TimeDistributed');
      const wrapped = inner(lookup, args);
      return [x[0]!, ...wrapped.kind.outputShape([x.slice(1)], wrapped.args)];
    },
    params([input], args, output) {
      const wrapped = inner(lookup, args);
      return wrapped.kind.params([input!.slice(1)], wrapped.args, output.slice(1));
    },
    macs([input], args, output) {
      const wrapped = inner(lookup, args);
      return (input![0] ?? 0) * wrapped.kind.macs([input!.slice(1)], wrapped.args, output.slice(1));
    },
    receptive: () => ({ kind: 'global' }),
    explain([input], args, output) {
      const wrapped = inner(lookup, args);
      const steps = input![0] ?? 'None';
      return [
        `each of ${steps} time steps: ${wrapped.kind.className} on ${formatTuple(input!.slice(1))}`,
        ...wrapped.kind.explain([input!.slice(1)], wrapped.args, output.slice(1)).map((line) => `  ${line}`),
        `output = (${steps},) + ${formatTuple(output.slice(1))}; params shared by every step; MACs = ${steps}·per step = ${this.macs([input!], args, output)}`,
      ];
    },
    build(tf, args, ctx) {
      const wrapped = inner(lookup, args);
      const layer = innerTfLayer(tf, wrapped.kind, wrapped.args, ctx, ctx.inputShapes[0]!.slice(1), ctx.outputShape.slice(1), 'layer');
      const distributed = tf.layers.timeDistributed({
        name: ctx.name,
        layer: layer as Parameters<typeof tf.layers.timeDistributed>[0]['layer'],
        trainable: ctx.trainable,
      });
      return (inputs) => distributed.apply(inputs[0]!) as SymbolicTensor;
    },
    label(args) {
      const wrapped = inner(lookup, args);
      return `TimeDistributed ${wrapped.kind.label(wrapped.args)}`;
    },
  };
  return { Bidirectional, TimeDistributed };
}
