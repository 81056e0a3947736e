// `predict` results: printed as numpy prints arrays (summarised past 1,000 values), or as JSON or
// CSV for machines, or written as .json, .csv, or one grayscale PNG per channel.
import { basename, extname } from 'node:path';
import { PNG } from 'pngjs';
import { UsageError } from '../diagnostics/usage-error.js';
import { formatArray } from './format-array.js';

export interface OutputArray {
  name: string;
  /** Batch axis included. */
  shape: number[];
  values: Float32Array | number[];
}

export const TEXT_FORMATS = ['text', 'json', 'csv'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export const NORMALIZATIONS = ['clip', 'minmax'] as const;
/** How PNG pixels come from values: `clip` to 0–255, or `minmax`: each channel's range onto 0–255. */
export type Normalization = (typeof NORMALIZATIONS)[number];

/** Nested arrays of a flat buffer. */
export function nest(shape: number[], values: ArrayLike<number>, offset = 0): unknown {
  if (shape.length === 0) return values[offset];
  const [n, ...rest] = shape;
  const stride = rest.reduce((p, d) => p * d, 1);
  return Array.from({ length: n! }, (_, i) => nest(rest, values, offset + i * stride));
}

const dims = (shape: number[]): string => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;

/** Terminal text: a header line, then the array as numpy prints it (one sample: without the batch axis). */
export function formatOutput(output: OutputArray): string {
  const [batch, ...sample] = output.shape;
  // An H×W×1 result prints as its H×W matrix: the lecture's tables read as tables.
  const view = batch === 1 ? (sample.length >= 2 && sample[sample.length - 1] === 1 ? sample.slice(0, -1) : sample) : output.shape;
  const shown = view.length === sample.length || batch !== 1 ? '' : `, shown as ${view.join('×')}`;
  const header = `${output.name}: shape ${dims(sample)}${batch === 1 ? '' : `, batch ${batch}`}${shown}`;
  return `${header}\n${formatArray(view, output.values)}\n`;
}

/** Every output in one text: numpy-like for people, or exactly what `-o x.json` / `-o x.csv` would hold. */
export function formatOutputs(outputs: OutputArray[], format: TextFormat): string {
  if (format === 'json') return encodeJson(outputs) + '\n';
  if (format === 'csv') return outputs.length === 1 ? encodeCsv(outputs[0]!) : outputs.map((o) => `# ${o.name}\n${encodeCsv(o)}`).join('');
  return outputs.map(formatOutput).join('\n');
}

/** A file to write: its path and bytes. */
export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/** Files for `-o`: .json (all outputs, full precision), .csv (one row per matrix row or sample), .png (one per channel). */
export function encodeOutputs(path: string, outputs: OutputArray[], normalize: Normalization = 'clip'): OutputFile[] {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return [{ path, data: encodeJson(outputs) }];
  if (outputs.length !== 1) throw new UsageError(`the model has ${outputs.length} outputs; write them to a .json file`);
  const output = outputs[0]!;
  if (ext === '.csv') return [{ path, data: encodeCsv(output) }];
  if (ext === '.png') return encodePngs(path, output, normalize);
  throw new UsageError(`-o: unknown output format '${ext || basename(path)}' (use .json, .csv or .png)`);
}

function encodeJson(outputs: OutputArray[]): string {
  const data = outputs.map((o) => nest(o.shape, Array.from(o.values)));
  return JSON.stringify(outputs.length === 1 ? data[0] : Object.fromEntries(outputs.map((o, i) => [o.name, data[i]])));
}

function encodeCsv(output: OutputArray): string {
  const [batch, ...sample] = output.shape;
  const matrix = batch === 1 && (sample.length === 2 || (sample.length === 3 && sample[2] === 1));
  const rowLength = matrix ? sample[1]! : sample.reduce((p, d) => p * d, 1);
  const rows: string[] = [];
  for (let i = 0; i < output.values.length; i += rowLength) rows.push(Array.from(output.values.slice(i, i + rowLength) as ArrayLike<number>).join(','));
  return rows.join('\n') + '\n';
}

/** The PNG file names for an output of C channels: the name itself for one, `name.c0.png`… for more. */
function pngPaths(path: string, channels: number): string[] {
  if (channels === 1) return [path];
  const stem = path.slice(0, path.length - extname(path).length);
  return Array.from({ length: channels }, (_, c) => `${stem}.c${c}.png`);
}

/** One grayscale PNG per channel: channels are feature maps, not colours (4 filters are not RGBA). */
function encodePngs(path: string, output: OutputArray, normalize: Normalization): OutputFile[] {
  const [batch, height, width, channels = 1] = output.shape;
  if (batch !== 1 || output.shape.length < 3 || output.shape.length > 4) {
    throw new UsageError(
      `-o .png needs one image of shape (H, W) or (H, W, C); the output is ${dims(output.shape.slice(1))}${batch === 1 ? '' : `, batch ${batch}`}`,
    );
  }
  return pngPaths(path, channels).map((file, c) => {
    const plane = Array.from({ length: width! * height! }, (_, p) => output.values[p * channels + c]!);
    const toByte = pixelScale(plane, normalize);
    const png = new PNG({ width: width!, height: height!, colorType: 0 });
    plane.forEach((v, p) => {
      const g = toByte(v);
      png.data.set([g, g, g, 255], p * 4);
    });
    return { path: file, data: PNG.sync.write(png, { colorType: 0 }) };
  });
}

function pixelScale(plane: number[], normalize: Normalization): (v: number) => number {
  const clamp = (v: number) => (Number.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v))));
  if (normalize === 'clip') return clamp;
  let min = Infinity;
  let max = -Infinity;
  for (const v of plane) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (!(max > min)) return () => 0; // a constant channel: black
  return (v) => clamp(((v - min) / (max - min)) * 255);
}
