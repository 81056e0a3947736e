// Lambda and custom layers: steps netspec cannot compute from Keras's rules, declared with what the
// user (or a saved model) knows — the output shape, an expression of the input shape, and the
// parameter count. They count, draw and explain like any layer; compile refuses them by name.
import { formatTuple } from '../format/format.js';
import { noTfjsEquivalent } from './tfjs-util.js';
import { LayerError, type ArgSpec, type Args, type LayerKind, type Shape } from './types.js';

const declaredArgs: Record<string, ArgSpec> = {
  output_shape: {
    type: 'ints',
    noneItems: true,
    default: null,
    nullable: true,
    doc: 'output shape without the batch axis: a tuple, or an expression of the input shape such as [in_shape[0], 2 * in_shape[-1]]; None = the input shape',
  },
  params: { type: 'int', min: 0, default: 0, doc: 'trainable parameters the layer holds' },
  non_trainable_params: { type: 'int', min: 0, default: 0, doc: 'non-trainable parameters (buffers, statistics)' },
};

function declaredShape(inputs: Shape[], args: Args): Shape {
  const shape = args.output_shape as Shape | null;
  if (shape === null) return inputs[0]!;
  if (shape.some((d) => d !== null && d < 1)) throw new LayerError(`output_shape ${formatTuple(shape)} must hold positive sizes (or None)`, 'argument');
  return shape;
}

function declaredExplain(inputs: Shape[], args: Args, output: Shape): string[] {
  const from = args.output_shape === null ? ' (the input shape: output_shape not given)' : ' (declared with output_shape)';
  return [
    `output ${formatTuple(output)}${from}`,
    `params = ${String(args.params)} trainable + ${String(args.non_trainable_params)} non-trainable (declared, not computed)`,
  ];
}

const declared = {
  inputs: { min: 1, max: Infinity },
  outputShape: declaredShape,
  params: (_inputs: Shape[], args: Args) => ({ trainable: args.params as number, nonTrainable: args.non_trainable_params as number }),
  macs: () => 0,
  receptive: () => ({ kind: 'identity' as const }),
  explain: declaredExplain,
};

export const Lambda: LayerKind = {
  className: 'Lambda',
  family: 'custom',
  doc: "Keras's Lambda: a function netspec does not run; give output_shape (and params if it holds weights). Compile refuses it.",
  args: { function: { type: 'any', default: null, doc: 'the function, for the reader (netspec does not run it)' }, ...declaredArgs },
  positional: ['function', 'output_shape'],
  ...declared,
  build(_tf, _args, ctx) {
    return noTfjsEquivalent(`Lambda step '${ctx.name}' runs Python code netspec cannot translate; replace it with layers netspec knows to compile this model`);
  },
  label: () => 'Lambda',
};

export const Custom: LayerKind = {
  className: 'Custom',
  family: 'custom',
  doc: "A custom layer class netspec does not know: Custom('ClassName', output_shape=..., params=N). Compile refuses it.",
  args: { class_name: { type: 'string', required: true, doc: 'the Keras class name, shown in reports and diagrams' }, ...declaredArgs },
  positional: ['class_name', 'output_shape', 'params'],
  ...declared,
  build(_tf, args, ctx) {
    return noTfjsEquivalent(
      `custom layer '${ctx.name}' (${String(args.class_name)}) has no TensorFlow.js implementation in netspec; replace it with layers netspec knows to compile this model`,
    );
  },
  label: (args) => String(args.class_name),
};
