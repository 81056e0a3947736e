// Masking: marks time steps whose features all equal mask_value, so later recurrent layers skip
// them, and sets those steps to 0 (Keras's call). Shape unchanged; no weights.
import { kerasCompatArgs } from './common-args.js';
import { defineKind } from './define-kind.js';
import { requireMinRank } from './shape-math.js';
import { applyOne, customLayer } from './tfjs-util.js';

export const Masking = defineKind({
  className: 'Masking',
  family: 'sequence',
  doc: 'Masks the time steps whose features all equal mask_value (recurrent layers after it skip them).',
  args: {
    mask_value: { type: 'float', default: 0, doc: 'Feature value that marks a padded time step.' },
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['mask_value'],
  outputShape: ([input]) => requireMinRank(input, 1, 'Masking'),
  explain: (_inputs, args) => [`shape unchanged; steps whose features all equal ${String(args.mask_value)} are masked, params = 0`],
  build(tf, args, ctx) {
    const maskValue = args.mask_value as number;
    // Where Keras uses the mask nowhere, a tfjs mask would still reach later layers (src/compile/keras-masks.ts).
    if (ctx.inertMask) return applyOne(customLayer(ctx, 'NetspecElementwise', { op: 'masking', maskValue }, 'Masking whose mask no later layer uses'));
    return applyOne(tf.layers.masking({ name: ctx.name, maskValue }));
  },
  label: () => 'Masking',
});
