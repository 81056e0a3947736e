// Repeatable random initial weights (`predict --seed N`). TensorFlow.js initializers draw their own
// seed from Math.random() when a layer gets none, and netspec's layers get none (as in Keras), so a
// seeded generator stands in for Math.random while the model is built — and only then.

/** mulberry32: a small, well-mixed 32-bit generator; plenty for seeding tfjs's own generators. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `build` (synchronous) with Math.random seeded; without a seed, just runs it. */
export function withSeededRandom<T>(seed: number | undefined, build: () => T): T {
  if (seed === undefined) return build();
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return build();
  } finally {
    Math.random = original;
  }
}
