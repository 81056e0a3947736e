// Reads `predict` inputs: PNG/JPEG images, JSON arrays, CSV matrices, and fits them to the model's
// input shape (adding the batch axis, or a channel axis to a plain matrix). Bad data is a
// DiagnosticError naming the file and what did not fit, never a stack trace.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import type { Shape } from '../layers/types.js';

/** A dense float array with its shape (batch axis included once fitted). */
export interface InputArray {
  shape: number[];
  values: Float32Array;
}

const fail = (file: string, message: string): never => {
  throw new DiagnosticError('input', `${file}: ${message}`, { file });
};

/** Reads the file as the extension says; images keep their pixel values 0–255. */
export async function readInputFile(file: string, expected: Shape): Promise<InputArray> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return fail(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  switch (extname(file).toLowerCase()) {
    case '.png':
      return decodeImage(file, () => PNG.sync.read(bytes), expected);
    case '.jpg':
    case '.jpeg':
      return decodeImage(file, () => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true }), expected);
    case '.json':
      return fromNested(file, parseJson(file, bytes.toString('utf8')));
    case '.csv':
    case '.txt':
    case '.tsv':
      return fromNested(file, parseCsv(file, bytes.toString('utf8')));
    default:
      return fail(file, 'unknown input format (use .png, .jpg, .json or .csv)');
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    return fail(file, `invalid JSON (${(err as Error).message})`);
  }
}

/** Rows of numbers separated by commas, tabs, semicolons or spaces; `#` starts a comment. */
export function parseCsv(file: string, text: string): number[][] {
  const rows: number[][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*/, '').trim();
    if (!content) return;
    const cells = content.split(/\s*[,;\t]\s*|\s+/);
    const row = cells.map(Number);
    if (row.some((v, j) => !Number.isFinite(v) || cells[j] === '')) fail(file, `line ${i + 1}: not a row of numbers: '${content}'`);
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
  }
  if (shape.length === 0) fail(file, 'expected an array of numbers');
  const values: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(file, `not a number: ${JSON.stringify(v)}`);
      values.push(v as number);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) fail(file, `ragged array (every row at depth ${depth + 1} must have ${shape[depth]} items)`);
    for (const item of v as unknown[]) walk(item, depth + 1);
  };
  walk(data, 0);
  return { shape, values: Float32Array.from(values) };
}

interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** RGBA pixels → H×W×C with the channels the model expects (1: luminance, 3: RGB, 4: RGBA). */
function decodeImage(file: string, decode: () => RgbaImage, expected: Shape): InputArray {
  let image: RgbaImage;
  try {
    image = decode();
  } catch (err) {
    return fail(file, `cannot decode the image (${(err as Error).message})`);
  }
  const channels = expected.length === 3 ? (expected[2] ?? 3) : 1;
  if (![1, 3, 4].includes(channels)) fail(file, `an image has 1, 3 or 4 channels; the model expects ${channels}`);
  const { width, height, data } = image;
  const values = new Float32Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    const [r, g, b, a] = [data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!, data[4 * p + 3]!];
    if (channels === 1) values[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    else [r, g, b, a].slice(0, channels).forEach((v, c) => (values[p * channels + c] = v));
  }
  return { shape: expected.length === 2 ? [height, width] : [height, width, channels], values };
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
