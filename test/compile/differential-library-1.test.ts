// Differential test, library shard 1 of 2 (see library-differential.ts): every spec in specs/ and
// examples/ compiled to TensorFlow.js, per-layer shapes and counts equal to the IR's, and a forward
// pass with finite outputs.
import { beforeAll, describe } from 'vitest';
import type { Tf } from '../../src/layers/types.js';
import { libraryShard } from './library-differential.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('every spec in specs/ and examples/ compiles faithfully (shard 1 of 2)', () => {
  libraryShard(0, 2, () => tf);
});
