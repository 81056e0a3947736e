// Keras's random image augmentation layers. They hold no weights and change no shape; at inference
// (what a compiled model runs) Keras returns the input unchanged, so the compiled layer is the identity.
import { baseCompatArgs, seedArg } from './common-args.js';
import { applyOne } from './tfjs-util.js';
import { LayerError, type ArgSpec, type ArgValue, type Args, type LayerKind } from './types.js';

const FILL_MODES = ['reflect', 'wrap', 'constant', 'nearest'] as const;
const INTERPOLATIONS = ['nearest', 'bilinear'] as const;

/** A number or a (lower, upper) pair, checked against Keras's range for the argument. */
function factorArg(doc: string, required = true): ArgSpec {
  return { type: 'any', required, default: required ? undefined : null, doc };
}

interface Range {
  low: number;
  high: number;
  lowOpen?: boolean;
  /** Keras checks each item of a pair (RandomZoom, RandomTranslation); the base check is looser. */
  eachItem?: boolean;
}

function inRange(v: number, r: Range): boolean {
  return (r.lowOpen ? v > r.low : v >= r.low) && v <= r.high;
}

/**
 * Keras's factor check: a number inside `range`, or a list of two numbers. Keras's base layer only
 * refuses a pair lying wholly outside the range (lower above it, or upper below it).
 */
function checkFactor(value: ArgValue, key: string, range: Range, layer: string): void {
  const isNumber = (v: ArgValue): v is number => typeof v === 'number' && Number.isFinite(v);
  let ok: boolean;
  if (Array.isArray(value)) {
    const [a, b] = value;
    ok = value.length === 2 && isNumber(a) && isNumber(b) && (range.eachItem ? inRange(a, range) && inRange(b, range) : a <= range.high && b >= range.low);
  } else {
    ok = isNumber(value) && inRange(value, range);
  }
  if (!ok) {
    const bounds = `${range.lowOpen ? '(' : '['}${range.low}, ${range.high}]`;
    throw new LayerError(
      `${layer}: the \`${key}\` argument should be a number (or a list of two numbers) in the range ${bounds}; got ${JSON.stringify(value)}`,
      'argument',
    );
  }
}

/** Keras sorts the pair, so only its form is checked. */
function checkValueRange(args: Args, layer: string): void {
  const r = args.value_range;
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number')) {
    throw new LayerError(`${layer}: the \`value_range\` argument should be a list of two numbers; got ${JSON.stringify(r)}`, 'argument');
  }
}

const fillArgs: Record<string, ArgSpec> = {
  fill_mode: {
    type: 'enum',
    values: FILL_MODES,
    default: 'reflect',
    doc: "How points outside the image are filled: 'reflect', 'wrap', 'constant' or 'nearest'.",
  },
  interpolation: { type: 'enum', values: INTERPOLATIONS, default: 'bilinear', doc: "'bilinear' or 'nearest'." },
  seed: seedArg,
  fill_value: { type: 'float', default: 0, doc: "The value outside the image with fill_mode='constant'." },
  data_format: { type: 'enum', values: ['channels_last'], default: 'channels_last', nullable: true, doc: "Only 'channels_last'." },
};

/** The shared part of every augmentation kind: identity shape, no weights, identity when compiled. */
function augmentation(kind: Pick<LayerKind, 'className' | 'doc' | 'args' | 'positional' | 'check' | 'label'>): LayerKind {
  return {
    family: 'preprocessing',
    inputs: { min: 1, max: 1 },
    outputShape: ([input]) => input!,
    params: () => ({ trainable: 0, nonTrainable: 0 }),
    macs: () => 0,
    receptive: () => ({ kind: 'identity' }),
    explain: () => ['random augmentation while training; the identity at inference; params = 0'],
    // Keras's augmentation layers return their input at inference (training=False).
    build: (tf, _args, ctx) => applyOne(tf.layers.activation({ name: ctx.name, activation: 'linear' })),
    ...kind,
  };
}

const pair = (v: ArgValue): string => (Array.isArray(v) ? `${v[0]}…${v[1]}` : `±${v}`);

export const RandomFlip = augmentation({
  className: 'RandomFlip',
  doc: 'Flips images at random while training (horizontally, vertically or both); the identity at inference.',
  args: {
    mode: {
      type: 'enum',
      values: ['horizontal', 'vertical', 'horizontal_and_vertical'],
      default: 'horizontal_and_vertical',
      doc: "'horizontal', 'vertical' or 'horizontal_and_vertical'.",
    },
    seed: seedArg,
    data_format: fillArgs.data_format!,
    ...baseCompatArgs,
  },
  positional: ['mode', 'seed'],
  label: (args) => `RandomFlip ${args.mode === 'horizontal_and_vertical' ? 'h+v' : String(args.mode)}`,
});

export const RandomRotation = augmentation({
  className: 'RandomRotation',
  doc: 'Rotates images by a random fraction of a full turn while training (factor 0.1: up to ±36°); the identity at inference.',
  args: { factor: factorArg('A fraction of a full turn in [-1, 1]: a number (±factor) or a (lower, upper) pair.'), ...fillArgs, ...baseCompatArgs },
  positional: ['factor', 'fill_mode', 'interpolation', 'seed', 'fill_value'],
  check: (args) => checkFactor(args.factor!, 'factor', { low: -1, high: 1 }, 'RandomRotation'),
  label: (args) => `RandomRotation ${pair(args.factor!)}`,
});

const zoomRange: Range = { low: -1, high: 1, lowOpen: true, eachItem: true };

export const RandomZoom = augmentation({
  className: 'RandomZoom',
  doc: 'Zooms images in or out by a random factor while training (negative factors zoom in); the identity at inference.',
  args: {
    height_factor: factorArg('Vertical zoom: a number (±factor) or a (lower, upper) pair in (-1, 1].'),
    width_factor: factorArg('Horizontal zoom; None keeps the aspect ratio (same as height).', false),
    ...fillArgs,
    ...baseCompatArgs,
  },
  positional: ['height_factor', 'width_factor', 'fill_mode', 'interpolation', 'seed', 'fill_value'],
  check(args) {
    checkFactor(args.height_factor!, 'height_factor', zoomRange, 'RandomZoom');
    if (args.width_factor !== null) checkFactor(args.width_factor!, 'width_factor', zoomRange, 'RandomZoom');
  },
  label: (args) => `RandomZoom ${pair(args.height_factor!)}`,
});

const translationRange: Range = { low: -1, high: 1, eachItem: true };

export const RandomTranslation = augmentation({
  className: 'RandomTranslation',
  doc: 'Shifts images by a random fraction of their height and width while training; the identity at inference.',
  args: {
    height_factor: factorArg('Vertical shift as a fraction of the height: a number (±factor) or a (lower, upper) pair in [-1, 1].'),
    width_factor: factorArg('Horizontal shift as a fraction of the width.'),
    ...fillArgs,
    ...baseCompatArgs,
  },
  positional: ['height_factor', 'width_factor', 'fill_mode', 'interpolation', 'seed', 'fill_value'],
  check(args) {
    checkFactor(args.height_factor!, 'height_factor', translationRange, 'RandomTranslation');
    checkFactor(args.width_factor!, 'width_factor', translationRange, 'RandomTranslation');
  },
  label: (args) => `RandomTranslation ${pair(args.height_factor!)}, ${pair(args.width_factor!)}`,
});

const valueRangeArg: ArgSpec = { type: 'any', default: [0, 255], doc: 'The (low, high) range of the pixel values, (0, 255) by default.' };

export const RandomContrast = augmentation({
  className: 'RandomContrast',
  doc: "Scales each image's contrast by a random factor while training; the identity at inference.",
  args: {
    factor: factorArg('A number in [0, 1] (contrast × 1±factor) or a (lower, upper) pair.'),
    value_range: valueRangeArg,
    seed: seedArg,
    ...baseCompatArgs,
  },
  positional: ['factor', 'value_range', 'seed'],
  check(args) {
    checkFactor(args.factor!, 'factor', { low: 0, high: 1 }, 'RandomContrast');
    checkValueRange(args, 'RandomContrast');
  },
  label: (args) => `RandomContrast ${pair(args.factor!)}`,
});

export const RandomBrightness = augmentation({
  className: 'RandomBrightness',
  doc: 'Adds a random brightness offset (a fraction of the value range) while training; the identity at inference.',
  args: {
    factor: factorArg('A number in [-1, 1] (±factor of the range) or a (lower, upper) pair.'),
    value_range: valueRangeArg,
    seed: seedArg,
    ...baseCompatArgs,
  },
  positional: ['factor', 'value_range', 'seed'],
  check(args) {
    checkFactor(args.factor!, 'factor', { low: -1, high: 1 }, 'RandomBrightness');
    checkValueRange(args, 'RandomBrightness');
  },
  label: (args) => `RandomBrightness ${pair(args.factor!)}`,
});
