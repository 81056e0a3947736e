// `npm run test:quick`: the unit tier for a fast edit loop — everything except the browser tests
// (and the PNG-vs-Chromium comparison), the pack-and-install test, the README's examples (they
// compile ResNet-50) and the compile differential over
// the spec library and random specs. `npm test` runs all of it.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export const SLOW_TESTS = ['test/e2e/**', 'test/render/chromium.test.ts', 'test/cli/pack-install.test.ts', 'test/cli/readme.test.ts', 'test/compile/differential*.test.ts'];

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...SLOW_TESTS] } }));
