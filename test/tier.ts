// The test tier: `npm run test:quick` (vitest.quick.config.ts) sets NETSPEC_TEST_TIER=quick, and the
// few single cases that dominate a file's time are left to `npm test`, which runs everything.
export const QUICK_TIER = process.env.NETSPEC_TEST_TIER === 'quick';

/** Layers with more weights than this take seconds to initialise randomly in TensorFlow.js (VGG's 25088 → 4096 Dense: 102.8M); tests that only count weights build them with zero-init-tf.ts. */
export const HEAVY_WEIGHTS = 10_000_000;

/**
 * Library specs the library differential does not compile: wider variants whose layer kinds a
 * smaller sibling compiles (ConvNeXt-Tiny, EfficientNetV2-M), with 88M–350M weights whose
 * random initialisation alone takes about a minute on the shared 2-core machine — long enough for
 * vitest's worker RPC to time out — and 1.4 GB for ConvNeXt-XLarge.
 */
export const LIBRARY_NOT_COMPILED: ReadonlySet<string> = new Set([
  'convnext_base.yaml',
  'convnext_large.yaml',
  'convnext_xlarge.yaml',
  'efficientnet_v2_l.yaml',
]);
