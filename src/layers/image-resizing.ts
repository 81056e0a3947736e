// Resizing, CenterCrop and RandomCrop: image layers that set the height and width, with no weights.
// Compiled, all three run through one custom layer (crop, resize, or Keras's smart_resize: the
// largest centred window of the target's aspect ratio, resized to the target).
import { baseCompatArgs, seedArg } from './common-args.js';
import { argBool, argInt, argNum, argStr, requireRank } from './shape-math.js';
import { formatTuple } from '../format/format.js';
import { applyOne, compilerOnly, customLayer, noTfjsEquivalent } from './tfjs-util.js';
import { resampleRule, type ResampledAxis } from './resample-field.js';
import { LayerError, type ArgSpec, type Args, type BuildContext, type LayerKind, type Shape } from './types.js';

const sizeArgs: Record<string, ArgSpec> = {
  height: { type: 'int', min: 1, required: true, doc: 'Output height.' },
  width: { type: 'int', min: 1, required: true, doc: 'Output width.' },
};
const dataFormat: ArgSpec = { type: 'enum', values: ['channels_last'], default: 'channels_last', nullable: true, doc: "Only 'channels_last'." };

/** (H, W, C) → (height, width, C). */
function resized(input: Shape | undefined, args: Args, layer: string): Shape {
  const [, , c] = requireRank(input, 3, layer);
  return [argInt(args, 'height'), argInt(args, 'width'), c!];
}

/** Keras's crop (`crop`) or pad (`pad`) to the target's aspect ratio: the source length per axis that is resized. */
function aspectSource(input: Shape, args: Args, fit: 'crop' | 'pad' | 'none'): (ResampledAxis | null)[] {
  const [h, w] = input;
  const [th, tw] = [argInt(args, 'height'), argInt(args, 'width')];
  if (h === null || h === undefined || w === null || w === undefined) return [null, null];
  const ratioH = Math.floor((w * th) / tw);
  const ratioW = Math.floor((h * tw) / th);
  const [sh, sw] =
    fit === 'crop' ? [Math.max(Math.min(h, ratioH), 1), Math.max(Math.min(w, ratioW), 1)] : fit === 'pad' ? [Math.max(h, ratioH), Math.max(w, ratioW)] : [h, w];
  return [
    { source: sh, target: th },
    { source: sw, target: tw },
  ];
}

/** How the compiled layer maps the input window to the output (see NetspecCropResize). */
export type CropResizeMode = 'resize' | 'smart' | 'center' | 'pad';

function cropResize(ctx: BuildContext, mode: CropResizeMode, args: Args, interpolation: 'bilinear' | 'nearest', layer: string) {
  const fillValue = mode === 'pad' ? argNum(args, 'fill_value') : undefined;
  return applyOne(
    customLayer(ctx, 'NetspecCropResize', { height: argInt(args, 'height'), width: argInt(args, 'width'), mode, interpolation, fillValue }, layer),
  );
}

const noWeights = { params: () => ({ trainable: 0, nonTrainable: 0 }), macs: () => 0 } as const;

export const Resizing: LayerKind = {
  className: 'Resizing',
  family: 'preprocessing',
  doc: 'Resizes images to height × width (bilinear by default); optionally crops or pads to the target aspect ratio first.',
  args: {
    ...sizeArgs,
    interpolation: {
      type: 'enum',
      values: ['bilinear', 'nearest', 'lanczos3', 'lanczos5', 'bicubic', 'area'],
      default: 'bilinear',
      doc: "'bilinear', 'nearest', 'bicubic', 'area', 'lanczos3' or 'lanczos5'.",
    },
    crop_to_aspect_ratio: { type: 'bool', default: false, doc: 'Crop the largest centred window of the target aspect ratio before resizing.' },
    pad_to_aspect_ratio: { type: 'bool', default: false, doc: 'Pad to the target aspect ratio before resizing.' },
    fill_mode: { type: 'enum', values: ['constant'], default: 'constant', doc: "Padding fill with pad_to_aspect_ratio (only 'constant')." },
    fill_value: { type: 'float', default: 0, doc: 'The padding value with pad_to_aspect_ratio.' },
    antialias: { type: 'bool', default: false, doc: 'Antialias when downsampling.' },
    data_format: dataFormat,
    ...baseCompatArgs,
  },
  positional: ['height', 'width', 'interpolation', 'crop_to_aspect_ratio', 'pad_to_aspect_ratio', 'fill_mode', 'fill_value', 'antialias'],
  inputs: { min: 1, max: 1 },
  check(args) {
    if (argBool(args, 'crop_to_aspect_ratio') && argBool(args, 'pad_to_aspect_ratio')) {
      throw new LayerError('Resizing: only one of `pad_to_aspect_ratio` and `crop_to_aspect_ratio` can be True', 'argument');
    }
  },
  outputShape: ([input], args) => resized(input, args, 'Resizing'),
  ...noWeights,
  receptive: (args, [input]) =>
    resampleRule(
      aspectSource(input!, args, argBool(args, 'crop_to_aspect_ratio') ? 'crop' : argBool(args, 'pad_to_aspect_ratio') ? 'pad' : 'none'),
      argStr(args, 'interpolation'),
      argBool(args, 'antialias'),
    ),
  explain: ([input], args, output) => [
    `${formatTuple(input!)} → ${formatTuple(output)} (${argStr(args, 'interpolation')}${argBool(args, 'crop_to_aspect_ratio') ? ', cropped to the aspect ratio' : ''}${argBool(args, 'pad_to_aspect_ratio') ? ', padded to the aspect ratio' : ''})`,
    'params = 0',
  ],
  build(_tf, args, ctx) {
    const interpolation = argStr(args, 'interpolation');
    const [h, w] = ctx.inputShapes[0]!;
    const downsampling = h === null || w === null || h > argInt(args, 'height') || w > argInt(args, 'width');
    if (interpolation !== 'bilinear' && interpolation !== 'nearest') return noTfjsEquivalent(`Resizing with interpolation='${interpolation}'`);
    const [h0, w0] = ctx.inputShapes[0]!;
    if (argBool(args, 'pad_to_aspect_ratio') && (h0 === null || w0 === null))
      noTfjsEquivalent('Resizing with pad_to_aspect_ratio=True on an input of unknown height or width');
    if (argBool(args, 'antialias') && interpolation === 'bilinear' && downsampling) noTfjsEquivalent('Resizing with antialias=True when downsampling');
    const mode = argBool(args, 'crop_to_aspect_ratio') ? 'smart' : argBool(args, 'pad_to_aspect_ratio') ? 'pad' : 'resize';
    return cropResize(ctx, mode, args, interpolation, 'Resizing');
  },
  label: (args) => `Resize ${argInt(args, 'height')}×${argInt(args, 'width')}`,
};

export const CenterCrop: LayerKind = {
  className: 'CenterCrop',
  family: 'preprocessing',
  doc: 'Crops the centre height × width window; an image smaller than that is cropped to the aspect ratio and resized instead (as Keras does).',
  args: { ...sizeArgs, data_format: dataFormat, ...baseCompatArgs },
  positional: ['height', 'width'],
  inputs: { min: 1, max: 1 },
  outputShape: ([input], args) => resized(input, args, 'CenterCrop'),
  ...noWeights,
  // A crop keeps the field; Keras's smart resize (an input smaller than the target) resizes bilinearly.
  receptive(args, [input]) {
    const [h, w] = input!;
    if (h === null || h === undefined || w === null || w === undefined) return { kind: 'global' };
    if (h >= argInt(args, 'height') && w >= argInt(args, 'width')) return { kind: 'identity' };
    return resampleRule(aspectSource(input!, args, 'crop'), 'bilinear', false);
  },
  explain: ([input], args, output) => {
    const [h, w] = input!;
    const fits = h !== null && w !== null && h >= argInt(args, 'height') && w >= argInt(args, 'width');
    return [`${formatTuple(input!)} → ${formatTuple(output)} (${fits ? 'centre crop' : 'crop to the aspect ratio, then resize'})`, 'params = 0'];
  },
  build: (_tf, args, ctx) => cropResize(ctx, 'center', args, 'bilinear', 'CenterCrop'),
  label: (args) => `CenterCrop ${argInt(args, 'height')}×${argInt(args, 'width')}`,
};

export const RandomCrop: LayerKind = {
  className: 'RandomCrop',
  family: 'preprocessing',
  doc: 'Crops a random height × width window while training; at inference the largest centred window of that aspect ratio, resized to height × width.',
  args: { ...sizeArgs, seed: seedArg, data_format: dataFormat, ...baseCompatArgs },
  positional: ['height', 'width', 'seed'],
  inputs: { min: 1, max: 1 },
  outputShape: ([input], args) => resized(input, args, 'RandomCrop'),
  ...noWeights,
  receptive: () => ({ kind: 'identity' }),
  explain: ([input], _args, output) => [
    `${formatTuple(input!)} → ${formatTuple(output)} (random window while training; centred, aspect-ratio crop and resize at inference)`,
    'params = 0',
  ],
  build(_tf, args, ctx) {
    compilerOnly(ctx, 'RandomCrop');
    const [h, w] = ctx.inputShapes[0]!;
    if (h === null || w === null)
      throw new LayerError(`RandomCrop requires the input to have a fully defined height and width, got ${formatTuple(ctx.inputShapes[0]!)}`);
    return cropResize(ctx, 'smart', args, 'bilinear', 'RandomCrop');
  },
  label: (args) => `RandomCrop ${argInt(args, 'height')}×${argInt(args, 'width')}`,
};
