// Dropout and noise layers: identity at inference, so shape unchanged, no weights, no MACs.
import { dataFormatArg, kerasCompatArgs, seedArg } from './common-args.js';
import { argNum, requireRank } from './shape-math.js';
import { defineKind } from './define-kind.js';
import { applyOne } from './tfjs-util.js';
import type { ArgSpec, LayerKind, Shape } from './types.js';
import { withChannelsFirst } from './data-format.js';

const rateArg: ArgSpec = { type: 'float', min: 0, max: 1, required: true, doc: 'Fraction of the inputs to drop, between 0 and 1.' };
const noiseShapeArg: ArgSpec = {
  type: 'ints',
  noneItems: true,
  default: null,
  nullable: true,
  doc: 'Shape of the dropout mask (with batch), None entries follow the input.',
};

function identityLayer(className: string, doc: string, args: Record<string, ArgSpec>, positional: string[], label: (a: Record<string, unknown>) => string) {
  return {
    className,
    family: 'regularization',
    doc,
    args: { ...args, dtype: kerasCompatArgs.dtype! },
    positional,
    outputShape: ([input]: Shape[]) => input!,
    explain: () => ['identity at inference; shape unchanged, params = 0'],
    label,
  } satisfies Partial<LayerKind>;
}

export const Dropout = defineKind({
  ...identityLayer(
    'Dropout',
    'Randomly zeroes a fraction `rate` of the inputs during training.',
    { rate: rateArg, noise_shape: noiseShapeArg, seed: seedArg },
    ['rate', 'noise_shape', 'seed'],
    (a) => `Dropout ${a.rate}`,
  ),
  build: (tf, args, ctx) =>
    applyOne(
      tf.layers.dropout({
        name: ctx.name,
        rate: argNum(args, 'rate'),
        noiseShape: (args.noise_shape ?? undefined) as number[] | undefined,
        seed: (args.seed ?? undefined) as number | undefined,
      }),
    ),
});

function makeSpatialDropout(rank: 1 | 2 | 3): LayerKind {
  const className = `SpatialDropout${rank}D`;
  const args: Record<string, ArgSpec> = rank === 1 ? { rate: rateArg, seed: seedArg } : { rate: rateArg, data_format: dataFormatArg, seed: seedArg };
  const base = identityLayer(
    className,
    'Dropout of whole channels (feature maps) during training.',
    args,
    rank === 1 ? ['rate', 'seed'] : ['rate', 'data_format', 'seed'],
    (a) => `SpatialDropout ${a.rate}`,
  );
  return defineKind({
    ...base,
    outputShape: ([input]): Shape => requireRank(input, rank + 1, className),
    build(tf, a, ctx) {
      // Whole channels dropped: noise of shape (batch, 1, …, 1, channels), as Keras's SpatialDropout.
      const noiseShape = [null, ...Array.from({ length: rank }, () => 1), null] as number[];
      return applyOne(tf.layers.dropout({ name: ctx.name, rate: argNum(a, 'rate'), noiseShape, ...(a.seed === null ? {} : { seed: a.seed as number }) }));
    },
  });
}

export const SpatialDropout1D = makeSpatialDropout(1);
export const SpatialDropout2D = withChannelsFirst(makeSpatialDropout(2), 2);
export const SpatialDropout3D = withChannelsFirst(makeSpatialDropout(3), 3);

export const GaussianNoise = defineKind({
  ...identityLayer(
    'GaussianNoise',
    'Adds zero-centred Gaussian noise of standard deviation `stddev` during training.',
    { stddev: { type: 'float', min: 0, required: true, doc: 'Standard deviation of the noise.' }, seed: seedArg },
    ['stddev', 'seed'],
    (a) => `GaussianNoise σ=${a.stddev}`,
  ),
  build: (tf, args, ctx) => applyOne(tf.layers.gaussianNoise({ name: ctx.name, stddev: argNum(args, 'stddev') })),
});

export const GaussianDropout = defineKind({
  ...identityLayer(
    'GaussianDropout',
    'Multiplies by 1-centred Gaussian noise (std sqrt(rate/(1−rate))) during training.',
    { rate: rateArg, seed: seedArg },
    ['rate', 'seed'],
    (a) => `GaussianDropout ${a.rate}`,
  ),
  build: (tf, args, ctx) => applyOne(tf.layers.gaussianDropout({ name: ctx.name, rate: argNum(args, 'rate') })),
});

export const AlphaDropout = defineKind({
  ...identityLayer(
    'AlphaDropout',
    'Dropout that keeps the mean and variance of SELU activations during training.',
    { rate: rateArg, noise_shape: noiseShapeArg, seed: seedArg },
    ['rate', 'noise_shape', 'seed'],
    (a) => `AlphaDropout ${a.rate}`,
  ),
  build: (tf, args, ctx) =>
    applyOne(tf.layers.alphaDropout({ name: ctx.name, rate: argNum(args, 'rate'), noiseShape: (args.noise_shape ?? undefined) as number[] | undefined })),
});
