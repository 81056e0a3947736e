// The test tier: `npm run test:quick` (vitest.quick.config.ts) sets NETSPEC_TEST_TIER=quick, and the
// few single cases that dominate a file's time are left to `npm test`, which runs everything.
export const QUICK_TIER = process.env.NETSPEC_TEST_TIER === 'quick';

/** Layers with more weights than this take seconds to initialise randomly in TensorFlow.js (VGG's 25088 → 4096 Dense: 102.8M); tests that only count weights build them with zero-init-tf.ts. */
export const HEAVY_WEIGHTS = 10_000_000;
