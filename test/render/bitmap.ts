// Bitmaps for comparing rasterisers: decode PNGs, shrink them to a coarse grey grid (so the
// sub-pixel differences of two font rasterisers fade), and count the cells that really differ.
import { PNG } from 'pngjs';

export interface Grey {
  width: number;
  height: number;
  /** Luminance 0–255 per cell. */
  values: Float32Array;
}

/** Decodes a PNG and averages it in cell × cell blocks to luminance, over white for transparency. */
export function greyGrid(png: Uint8Array, cell: number): Grey {
  const image = PNG.sync.read(Buffer.from(png));
  const width = Math.ceil(image.width / cell);
  const height = Math.ceil(image.height / cell);
  const sums = new Float32Array(width * height);
  const counts = new Float32Array(width * height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const alpha = image.data[i + 3]! / 255;
      const lum = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      const k = Math.floor(y / cell) * width + Math.floor(x / cell);
      sums[k]! += lum * alpha + 255 * (1 - alpha);
      counts[k]! += 1;
    }
  }
  for (let k = 0; k < sums.length; k++) sums[k] = sums[k]! / counts[k]!;
  return { width, height, values: sums };
}

/**
 * Share of cells whose luminance differs by more than `threshold`, over the common area (the two
 * rasterisers round a fractional canvas size differently, by one pixel); 1 when sizes really differ.
 */
export function differingShare(a: Grey, b: Grey, threshold: number): number {
  if (Math.abs(a.width - b.width) > 1 || Math.abs(a.height - b.height) > 1) return 1;
  const width = Math.min(a.width, b.width) - 1;
  const height = Math.min(a.height, b.height) - 1;
  let differing = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (Math.abs(a.values[y * a.width + x]! - b.values[y * b.width + x]!) > threshold) differing++;
  }
  return differing / (width * height);
}
