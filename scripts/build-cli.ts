// Bundles the CLI into dist/bin with esbuild: one file per command chunk instead of hundreds of
// small modules (chevrotain's lodash-es alone is ~600 files), which cuts start-up CPU time about 4×.
// TensorFlow.js, resvg and pdfkit stay external: they load native/wasm/font files relative to their packages.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { CLI_BUNDLE_OPTIONS } from './cli-bundle-options.js';

// Chunk names carry content hashes: clear the folder so stale chunks do not pile up.
rmSync('dist/bin', { recursive: true, force: true });
const result = await build({
  metafile: true,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/bin',
  ...CLI_BUNDLE_OPTIONS,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// The import graph, for test/cli/lazy-tfjs.test.ts: summary/check/explain must not reach TensorFlow.js.
writeFileSync('dist/bin/meta.json', JSON.stringify(result.metafile));
