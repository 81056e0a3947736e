// Wrapper layers take a layer as their first argument (`Bidirectional(LSTM(64))`,
// `TimeDistributed(Dense(10))`); the IR holds it as {class_name, config} with the config normalised
// (src/layers/args.ts). The registry hands in its lookup, so this module does not import it.
import { kerasCompatArgs } from './common-args.js';
import { formatTuple } from '../format/format.js';
import { argStr, requireMinRank } from './shape-math.js';
import { LayerError, type Args, type ArgSpec, type BuildContext, type LayerArgValue, type LayerKind, type Shape, type SymbolicTensor, type Tf } from './types.js';

type Lookup = (name: string) => LayerKind | undefined;

const layerArg: ArgSpec = { type: 'layer', required: true, doc: 'The wrapped layer, e.g. LSTM(64, return_sequences=True).' };

/** The wrapped layer's kind and normalised arguments. */
function inner(lookup: Lookup, args: Args): { kind: LayerKind; args: Args } {
  const layer = args.layer as LayerArgValue;
  return { kind: lookup(layer.class_name)!, args: layer.config };
}

/** Keras's Bidirectional merge modes; None (two outputs) is refused in check. */
const MERGE_MODES = ['concat', 'sum', 'mul', 'ave'] as const;

/**
 * The wrapped layer as one tfjs layer object, not yet part of the model: it is built on a
 * throwaway input and taken from its output (tfjs's wrappers clone or wrap a layer object).
 * Kinds that build a subgraph become a nested tfjs model.
 */
function innerTfLayer(tf: Tf, kind: LayerKind, args: Args, ctx: BuildContext, inputShape: Shape, outputShape: Shape, part: string) {
  const name = ctx.helperName ? ctx.helperName(part) : `${ctx.name}__${part}`;
  const input = tf.input({ shape: inputShape as number[] });
  const output = kind.build(tf, args, { ...ctx, name, inputShapes: [inputShape], outputShape })([input]);
  const source = output.sourceLayer;
  const direct = source.inboundNodes.length === 1 && source.inboundNodes[0]!.inputTensors.length === 1 && source.inboundNodes[0]!.inputTensors[0] === input;
  if (!direct) return tf.model({ inputs: input, outputs: output, name: `${name}_model` });
  // An unbuilt copy from its config: built inside the wrapper, its weights get the names a loaded model.json gives them.
  const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap[source.getClassName()]!;
  return fromConfig(cls, source.getConfig() as never) as typeof source;
}

export function defineWrappers(lookup: Lookup): { Bidirectional: LayerKind; TimeDistributed: LayerKind } {
  const Bidirectional: LayerKind = {
    className: 'Bidirectional',
    family: 'sequence',
    doc: 'Runs a recurrent layer forwards and a copy backwards over the sequence and merges the two outputs (merge_mode).',
    args: {
      layer: layerArg,
      merge_mode: { type: 'enum', values: MERGE_MODES, default: 'concat', nullable: true, doc: "How the two outputs combine: 'concat', 'sum', 'mul' or 'ave' (None is refused: two outputs)." },
      weights: { type: 'any', default: null, doc: 'Initial weights (accepted; not used by the IR).' },
      dtype: kerasCompatArgs.dtype!,
    },
    positional: ['layer', 'merge_mode', 'weights'],
    inputs: { min: 1, max: 1 },
    check(args) {
      const { kind } = inner(lookup, args);
      if (!('go_backwards' in kind.args)) {
        throw new LayerError(`the wrapped layer must be recurrent (SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D), not ${kind.className}`, 'argument');
      }
      if (args.merge_mode === null) {
        throw new LayerError(
          'merge_mode=None returns the forward and backward outputs as two tensors, and a netspec step has one output; use \'concat\' (the same parameters) and split it downstream if needed',
          'argument',
        );
      }
    },
    outputShape([input], args) {
      const wrapped = inner(lookup, args);
      const out = wrapped.kind.outputShape([input!], wrapped.args);
      if (argStr(args, 'merge_mode') !== 'concat') return out;
      const last = out.at(-1) ?? null;
      return [...out.slice(0, -1), last === null ? null : 2 * last];
    },
    params([input], args, output) {
      const wrapped = inner(lookup, args);
      const one = wrapped.kind.params([input!], wrapped.args, wrapped.kind.outputShape([input!], wrapped.args));
      void output;
      return { trainable: 2 * one.trainable, nonTrainable: 2 * one.nonTrainable };
    },
    /** Two passes of the wrapped layer; the merge itself is elementwise and counts 0, as merges do. */
    macs([input], args) {
      const wrapped = inner(lookup, args);
      return 2 * wrapped.kind.macs([input!], wrapped.args, wrapped.kind.outputShape([input!], wrapped.args));
    },
    receptive: () => ({ kind: 'global' }),
    explain([input], args, output) {
      const wrapped = inner(lookup, args);
      const innerOut = wrapped.kind.outputShape([input!], wrapped.args);
      const one = wrapped.kind.params([input!], wrapped.args, innerOut);
      const mode = argStr(args, 'merge_mode');
      return [
        `forward: ${wrapped.kind.label(wrapped.args)} on ${formatTuple(input!)}`,
        ...wrapped.kind.explain([input!], wrapped.args, innerOut).map((line) => `  ${line}`),
        'backward: a copy of the forward layer with go_backwards flipped',
        mode === 'concat' ? `output = concat(forward, backward) on the last axis = ${formatTuple(output)}` : `output = ${mode}(forward, backward) = ${formatTuple(output)}`,
        `params = 2·${one.trainable + one.nonTrainable} = ${2 * (one.trainable + one.nonTrainable)}`,
        `MACs = 2·${wrapped.kind.macs([input!], wrapped.args, innerOut)} = ${this.macs([input!], args, output)}`,
      ];
    },
    build(tf, args, ctx) {
      const wrapped = inner(lookup, args);
      const inputShape = ctx.inputShapes[0]!;
      const layer = innerTfLayer(tf, wrapped.kind, wrapped.args, ctx, inputShape, wrapped.kind.outputShape([inputShape], wrapped.args), 'layer');
      const bidirectional = tf.layers.bidirectional({
        name: ctx.name,
        layer: layer as Parameters<typeof tf.layers.bidirectional>[0]['layer'],
        mergeMode: argStr(args, 'merge_mode') as 'concat',
        trainable: ctx.trainable,
      });
      return (inputs) => bidirectional.apply(inputs[0]!) as SymbolicTensor;
    },
    label(args) {
      const wrapped = inner(lookup, args);
      return `Bi${wrapped.kind.label(wrapped.args)} · ${argStr(args, 'merge_mode')}`;
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
      const distributed = tf.layers.timeDistributed({ name: ctx.name, layer: layer as Parameters<typeof tf.layers.timeDistributed>[0]['layer'], trainable: ctx.trainable });
      return (inputs) => distributed.apply(inputs[0]!) as SymbolicTensor;
    },
    label(args) {
      const wrapped = inner(lookup, args);
      return `TimeDistributed ${wrapped.kind.label(wrapped.args)}`;
    },
  };
  return { Bidirectional, TimeDistributed };
}
