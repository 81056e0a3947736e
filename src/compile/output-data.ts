// `predict` results: printed as matrices or nested lists, or written as JSON, CSV or PNG.
import { extname } from 'node:path';
import { PNG } from 'pngjs';
import { UsageError } from '../cli/command.js';

export interface OutputArray {
  name: string;
  /** Batch axis included. */
  shape: number[];
  values: Float32Array | number[];
}

/** Nested arrays of a flat buffer. */
export function nest(shape: number[], values: ArrayLike<number>, offset = 0): unknown {
  if (shape.length === 0) return values[offset];
  const [n, ...rest] = shape;
  const stride = rest.reduce((p, d) => p * d, 1);
  return Array.from({ length: n! }, (_, i) => nest(rest, values, offset + i * stride));
}

/** Shape of one sample with size-1 channel axes dropped: an H×W×1 image prints as a matrix. */
function sampleView(output: OutputArray): { batch: number; shape: number[] } {
  const [batch, ...shape] = output.shape;
  const view = shape.length >= 2 && shape[shape.length - 1] === 1 ? shape.slice(0, -1) : shape;
  return { batch: batch!, shape: view };
}

const formatNumber = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

/** Text for the terminal: matrices as aligned rows, anything else as nested lists. */
export function formatOutput(output: OutputArray): string {
  const { batch, shape } = sampleView(output);
  const size = shape.reduce((p, d) => p * d, 1);
  const lines = [`${output.name}: shape (${output.shape.slice(1).join(', ')}${output.shape.length === 2 ? ',' : ''})${batch > 1 ? `, batch ${batch}` : ''}`];
  for (let b = 0; b < batch; b++) {
    if (batch > 1) lines.push(`[${b}]`);
    const sample = Array.from(output.values.slice(b * size, (b + 1) * size) as ArrayLike<number>).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));
    if (shape.length === 2) {
      const cells = sample.map(formatNumber);
      const width = Math.max(...cells.map((c) => c.length));
      for (let r = 0; r < shape[0]!; r++) lines.push(cells.slice(r * shape[1]!, (r + 1) * shape[1]!).map((c) => c.padStart(width)).join(' '));
    } else {
      lines.push(JSON.stringify(nest(shape, sample.map((v) => Number(formatNumber(v))))));
    }
  }
  return lines.join('\n') + '\n';
}

/** File contents for `-o`: .json (all outputs, full precision), .csv (one row per matrix row or sample), .png. */
export function encodeOutputs(path: string, outputs: OutputArray[]): string | Uint8Array {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    const data = outputs.map((o) => nest(o.shape, o.values));
    return JSON.stringify(outputs.length === 1 ? data[0] : Object.fromEntries(outputs.map((o, i) => [o.name, data[i]])));
  }
  if (outputs.length !== 1) throw new UsageError(`the model has ${outputs.length} outputs; write them to a .json file`);
  const output = outputs[0]!;
  if (ext === '.csv') return encodeCsv(output);
  if (ext === '.png') return encodePng(output);
  throw new UsageError(`-o: unknown output format '${ext || path}' (use .json, .csv or .png)`);
}

function encodeCsv(output: OutputArray): string {
  const { batch, shape } = sampleView(output);
  const rowLength = batch === 1 && shape.length === 2 ? shape[1]! : shape.reduce((p, d) => p * d, 1);
  const rows: string[] = [];
  for (let i = 0; i < output.values.length; i += rowLength) rows.push(Array.from(output.values.slice(i, i + rowLength) as ArrayLike<number>).join(','));
  return rows.join('\n') + '\n';
}

function encodePng(output: OutputArray): Uint8Array {
  const [batch, height, width, channels = 1] = output.shape;
  if (batch !== 1 || output.shape.length < 3 || output.shape.length > 4 || ![1, 3, 4].includes(channels)) {
    throw new UsageError(`-o .png needs one image of shape (H, W, 1|3|4); the output is (${output.shape.join(', ')})`);
  }
  const png = new PNG({ width: width!, height: height! });
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let p = 0; p < width! * height!; p++) {
    const px = Array.from({ length: channels }, (_, c) => clamp(output.values[p * channels + c]!));
    const [r, g, b] = channels === 1 ? [px[0]!, px[0]!, px[0]!] : [px[0]!, px[1]!, px[2]!];
    png.data.set([r, g, b, channels === 4 ? px[3]! : 255], p * 4);
  }
  return PNG.sync.write(png);
}
