// `npm run test:quick`: the unit tier for a fast edit loop. Left out, and run by `npm test`: the
// browser tests and the PNG-vs-Chromium comparison, the pack-and-install test, the README's
// examples (they compile ResNet-50), the compile differential over the library and random specs,
// and the process-level suites (hostile inputs through the real CLI, kill-during-compile, server
// stop, 200,000-layer models, layout invariants of every library diagram); within files, the cases
// test/tier.ts marks heavy (none at present). A new test file that takes more than a few seconds belongs in this list.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export const SLOW_TESTS = [
  'test/e2e/**',
  'test/render/chromium.test.ts',
  'test/cli/pack-install.test.ts',
  'test/cli/readme.test.ts',
  'test/compile/differential*.test.ts',
  'test/compile/kill.test.ts',
  'test/hostile/**',
  'test/compile/hostile-inputs.test.ts',
  'test/serve/stop.test.ts',
  'test/report/large-model*.test.ts',
  'test/render/invariants.test.ts',
];

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...SLOW_TESTS], env: { NETSPEC_TEST_TIER: 'quick' } } }));
