// The receptive-field step of an image resize (Resizing, CenterCrop's smart resize): the jump
// becomes source/target input pixels, and the field widens by the most source pixels one output
// pixel reads. Keras resizes with jax.image.resize (TensorFlow's resize agrees): output pixel o
// samples the source at (o + ½)·source/target − ½ and weighs the pixels strictly inside the kernel's
// radius (bilinear 1, bicubic 2, lanczos3 3, lanczos5 5; widened by source/target when antialiasing a
// downsample). Every kernel is zero at a nonzero whole-pixel distance, so a sample that falls on a
// pixel reads that pixel alone: an odd whole downsampling factor reads 1 pixel, an even one 2.
import type { ReceptiveRule } from './types.js';

const KERNEL_RADIUS: Record<string, number> = { bilinear: 1, bicubic: 2, lanczos3: 3, lanczos5: 5 };

/** One axis of a resize: `source` pixels (after any crop or pad to the aspect ratio) to `target`. */
export interface ResampledAxis {
  source: number;
  target: number;
}

/**
 * The most source pixels one output pixel reads. In units of 1/(2·target) the sample position of
 * output o is (2o + 1)·source − target and the kernel's radius 2·r·target (2·r·source when
 * antialiasing a downsample), so the count of whole pixels strictly inside is exact integer arithmetic.
 * 'area' (TensorFlow's; JAX has none) averages the pixels its footprint [o, o + 1)·source/target overlaps.
 */
export function resampleSpan({ source, target }: ResampledAxis, interpolation: string, antialias: boolean): number {
  let most = 1;
  for (let o = 0; o < target; o++) {
    if (interpolation === 'area') {
      most = Math.max(most, Math.ceil(((o + 1) * source) / target) - Math.floor((o * source) / target));
      continue;
    }
    const radius = KERNEL_RADIUS[interpolation];
    if (radius === undefined) return 1; // nearest: one pixel
    const unit = 2 * target;
    const x = (2 * o + 1) * source - target;
    const w = 2 * radius * (antialias && source > target ? source : target);
    most = Math.max(most, Math.ceil((x + w) / unit) - Math.floor((x - w) / unit) - 1);
  }
  return most;
}

/** The rule for resizing each spatial axis; no field when a size is unknown (the jump in input pixels is then unknown too). */
export function resampleRule(axes: (ResampledAxis | null)[], interpolation: string, antialias: boolean): ReceptiveRule {
  if (axes.some((a) => a === null)) return { kind: 'global' };
  const known = axes as ResampledAxis[];
  return {
    kind: 'upsample',
    factor: known.map((a) => a.target / a.source),
    span: known.map((a) => (a.source === a.target ? 1 : resampleSpan(a, interpolation, antialias))),
  };
}
