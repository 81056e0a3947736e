// The esbuild options of the netspec CLI bundle, shared by scripts/build-cli.ts (dist/bin) and the
// tests that run the CLI as a real process (test/hostile, test/compile/kill.test.ts), so what they
// measure is bundled exactly as what users run.
import type { BuildOptions } from 'esbuild';

export const CLI_BUNDLE_OPTIONS = {
  bundle: true,
  // One file per command chunk instead of hundreds of small modules: each command's imports
  // (TensorFlow.js, resvg) load only when that command runs.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // These load native/wasm/font files relative to their packages.
  external: ['@tensorflow/*', '@resvg/*', 'pngjs', 'jpeg-js', 'pdfkit', 'svg-to-pdfkit'],
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __netspecRequire } from 'node:module'; const require = __netspecRequire(import.meta.url);" },
} satisfies BuildOptions;
