// Reads `predict` inputs: PNG/JPEG images, JSON arrays, CSV matrices, and fits them to the model's
// input shape (adding the batch axis, or a channel axis to a plain matrix). Inputs are bounded
// before they cost anything: files are size-capped regular files, image headers are read before
// any pixel is decoded, JSON nesting is measured before it is parsed. Bad data is a
// DiagnosticError at the file, with a help line, never a stack trace.
import { extname } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { InputFileError, readRegularFile } from '../io/read-file.js';
import type { Shape } from '../layers/types.js';
import { readImageHeader, type ImageHeader } from './image-header.js';
import { formatBytes, formatCount } from '../format/format.js';

/** A dense float array with its shape (batch axis included once fitted). */
export interface InputArray {
  shape: number[];
  values: Float32Array;
}

/** Limits on predict's data files; each is far above a homework image or table. */
export const INPUT_LIMITS = {
  /** Any data file, image or text. */
  fileBytes: 64 * 1024 ** 2,
  /** 4096 × 4096. */
  imagePixels: 4096 * 4096,
  imageSide: 16384,
  /** Array nesting in JSON (a tensor of rank 32 is already far beyond any model input). */
  jsonDepth: 32,
  /** Numbers in a JSON or CSV file. */
  values: 16_777_216,
};

export type ChannelConversion = 'grayscale' | 'rgb';

export interface InputOptions {
  /** The file as the user wrote it, for messages. */
  label?: string;
  /** Convert an image's channels (--grayscale, --rgb); without it a mismatch is an error. */
  convert?: ChannelConversion;
}

const fail = (file: string, message: string, help?: string): never => {
  throw new DiagnosticError('data', message, { file }, help);
};

/** Reads the file as the extension says; images keep their pixel values 0–255. */
export async function readInputFile(file: string, expected: Shape, options: InputOptions = {}): Promise<InputArray> {
  const label = options.label ?? file;
  const format = extname(file).toLowerCase();
  if (!['.png', '.jpg', '.jpeg', '.json', '.csv', '.txt', '.tsv'].includes(format)) {
    return fail(label, 'unknown input format', 'give a .png or .jpg image, or a .json or .csv array of numbers');
  }
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, INPUT_LIMITS.fileBytes);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    return fail(label, err.message, err.problem === 'too-large' ? `netspec reads data files up to ${formatBytes(INPUT_LIMITS.fileBytes)}` : undefined);
  }
  if (options.convert && format !== '.png' && format !== '.jpg' && format !== '.jpeg')
    fail(label, `--${options.convert} converts images; this is a ${format} file`);
  switch (format) {
    case '.png':
      return decodeImage(label, bytes, 'png', expected, options.convert);
    case '.jpg':
    case '.jpeg':
      return decodeImage(label, bytes, 'jpeg', expected, options.convert);
    case '.json':
      return fromNested(label, parseJson(label, bytes.toString('utf8')));
    default:
      return fromNested(label, parseCsv(label, bytes.toString('utf8')));
  }
}

function parseJson(file: string, text: string): unknown {
  const depth = nestingDepth(text, INPUT_LIMITS.jsonDepth);
  if (depth > INPUT_LIMITS.jsonDepth)
    fail(
      file,
      `arrays nested more than ${INPUT_LIMITS.jsonDepth} levels deep`,
      'give the data as a nested array with one level per axis (a tensor of rank at most 32)',
    );
  try {
    return JSON.parse(text);
  } catch (err) {
    return fail(file, `invalid JSON (${(err as Error).message})`);
  }
}

/** Deepest nesting of [ and { outside strings, counting no further than `limit + 1`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      deepest = Math.max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** Rows of numbers separated by commas, tabs, semicolons or spaces; `#` starts a comment. */
export function parseCsv(file: string, text: string): number[][] {
  const rows: number[][] = [];
  let count = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*/, '').trim();
    if (!content) return;
    const cells = content.split(/\s*[,;\t]\s*|\s+/);
    const row = cells.map(Number);
    if (row.some((v, j) => !Number.isFinite(v) || cells[j] === ''))
      fail(file, `line ${i + 1}: not a row of numbers: '${content.length > 60 ? content.slice(0, 60) + '…' : content}'`);
    count += row.length;
    if (count > INPUT_LIMITS.values) fail(file, `more than ${formatCount(INPUT_LIMITS.values)} numbers`);
    rows.push(row);
  });
  if (rows.length === 0) fail(file, 'no numbers in the file');
  if (rows.some((r) => r.length !== rows[0]!.length)) fail(file, 'rows have different lengths');
  return rows;
}

/** A nested numeric array → shape and flat values; ragged arrays and non-numbers are refused. */
export function fromNested(file: string, data: unknown): InputArray {
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) {
    if (level.length === 0) fail(file, 'empty array');
    shape.push(level.length);
    if (shape.length > INPUT_LIMITS.jsonDepth) fail(file, `arrays nested more than ${INPUT_LIMITS.jsonDepth} levels deep`);
  }
  if (shape.length === 0) fail(file, 'expected an array of numbers');
  const size = shape.reduce((p, d) => p * d, 1);
  if (size > INPUT_LIMITS.values) fail(file, `more than ${formatCount(INPUT_LIMITS.values)} numbers`);
  const values = new Float32Array(size);
  let next = 0;
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(file, `not a number: ${String(JSON.stringify(v)).slice(0, 60)}`);
      values[next++] = v as number;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) fail(file, `ragged array (every row at depth ${depth + 1} must have ${shape[depth]} items)`);
    for (const item of v as unknown[]) walk(item, depth + 1);
  };
  walk(data, 0);
  return { shape, values };
}

const CHANNEL_NAMES: Record<number, string> = { 1: 'gray', 2: 'gray with alpha', 3: 'RGB', 4: 'RGBA' };

/**
 * An image → H×W×C: C is the model's channel count, which must match the image's own unless a
 * conversion was asked for; a mismatch says which flag converts it.
 */
function decodeImage(file: string, bytes: Buffer, format: 'png' | 'jpeg', expected: Shape, convert?: ChannelConversion): InputArray {
  const header = readImageHeader(bytes, format);
  if (typeof header === 'string') return fail(file, header);
  checkImageSize(file, header);
  const target = expected.length === 2 ? 1 : expected.length === 3 ? expected[2] : undefined;
  if (target === undefined) return fail(file, `an image is H×W×C; the model input is ${dims(expected)}`, 'give the data as a .json or .csv array');
  let rgba: Uint8Array;
  try {
    rgba =
      format === 'png'
        ? PNG.sync.read(bytes).data
        : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: INPUT_LIMITS.imagePixels / 1e6 + 1, maxMemoryUsageInMB: 1024 }).data;
  } catch (err) {
    return fail(file, `cannot decode the image (${(err as Error).message})`);
  }
  const { width, height } = header;
  if (rgba.length < width * height * 4) fail(file, 'the image data is shorter than its header says');
  // Many tools save RGBA where every pixel is opaque: that alpha says nothing, so the image is RGB.
  const hasAlpha = header.channels === 2 || header.channels === 4;
  const own = hasAlpha && target !== header.channels && isOpaque(rgba, width * height) ? header.channels - 1 : header.channels;
  const channels = channelsFor(file, own, target, convert);
  const values = new Float32Array(width * height * channels);
  const gray = own <= 2;
  for (let p = 0; p < width * height; p++) {
    const [r, g, b, a] = [rgba[4 * p]!, rgba[4 * p + 1]!, rgba[4 * p + 2]!, rgba[4 * p + 3]!];
    if (channels === 1) values[p] = gray ? r : 0.299 * r + 0.587 * g + 0.114 * b;
    else if (channels === 2) [values[2 * p], values[2 * p + 1]] = [r, a];
    else [r, g, b, a].slice(0, channels).forEach((v, c) => (values[p * channels + c] = v));
  }
  return { shape: expected.length === 2 ? [height, width] : [height, width, channels], values };
}

function isOpaque(rgba: Uint8Array, pixels: number): boolean {
  for (let p = 0; p < pixels; p++) if (rgba[4 * p + 3] !== 255) return false;
  return true;
}

function checkImageSize(file: string, { width, height }: ImageHeader): void {
  const { imagePixels, imageSide } = INPUT_LIMITS;
  if (width === 0 || height === 0) fail(file, `the image is ${width}×${height} pixels: empty`);
  if (width > imageSide || height > imageSide || width * height > imagePixels) {
    fail(
      file,
      `the image is ${width}×${height} pixels, more than netspec reads (at most ${imageSide} pixels a side and ${formatCount(imagePixels)} in all, 4096×4096)`,
      'scale the image down first',
    );
  }
}

/** The channels to produce, or a diagnostic saying how to convert. */
function channelsFor(file: string, own: number, target: number | null, convert?: ChannelConversion): number {
  const converted = convert === 'grayscale' ? 1 : convert === 'rgb' ? 3 : own;
  if (target === null) {
    if (converted === 2) fail(file, 'the image is gray with alpha', 'add --grayscale to drop the alpha channel, or --rgb');
    return converted;
  }
  if (converted === target) return target;
  const have = `the image has ${own} channel${own === 1 ? '' : 's'} (${CHANNEL_NAMES[own]}${own === 2 || own === 4 ? ', with transparency' : ''})`;
  if (convert)
    return fail(
      file,
      `--${convert} gives ${converted} channel${converted === 1 ? '' : 's'}; the model takes ${target}`,
      target === 1 ? 'use --grayscale' : target === 3 ? 'use --rgb' : undefined,
    );
  if (target === 1) return fail(file, `${have}; the model takes 1 (gray)`, 'add --grayscale to convert it to luminance, 0.299 R + 0.587 G + 0.114 B');
  if (target === 3)
    return fail(
      file,
      `${have}; the model takes 3 (RGB)`,
      own < 3 ? 'add --rgb to repeat the gray channel as R, G and B' : 'add --rgb to drop the alpha channel',
    );
  if (target === 4) return fail(file, `${have}; the model takes 4 (RGBA)`, 'give a PNG with an alpha channel');
  return fail(file, `${have}; the model takes ${target}, which no image has`, 'give the data as a .json or .csv array');
}

/** Adds the batch axis (and a trailing channel axis to a matrix); checks known dims. */
export function fitToInput(file: string, data: InputArray, expected: Shape): InputArray {
  const matches = (dims: number[]) => dims.length === expected.length && dims.every((d, i) => expected[i] === null || expected[i] === d);
  const { shape, values } = data;
  if (matches(shape)) return { shape: [1, ...shape], values };
  if (matches(shape.slice(1))) return { shape, values };
  if (expected[expected.length - 1] === 1) {
    if (matches([...shape, 1])) return { shape: [1, ...shape, 1], values };
    if (matches([...shape.slice(1), 1])) return { shape: [...shape, 1], values };
  }
  return fail(file, `data of shape ${dims(shape)} does not fit the model input ${dims(expected)} (with or without a batch axis)`);
}

const dims = (shape: Shape): string => `(${shape.map((d) => (d === null ? 'None' : d)).join(', ')})`;
