// Bundles the playground page (src/serve/web) into dist/web with esbuild: main.js for the page,
// a separate lazily loaded chunk for TensorFlow.js (model export only), index.html and style.css.
// node:fs and node:path resolve to small browser shims; any other node: import fails the build, so
// Node-only code cannot slip into the page. Run: npx tsx scripts/build-web.ts
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEB_SOURCE = `${ROOT}src/serve/web/`;
export const WEB_OUT = `${ROOT}dist/web/`;
const STATIC_FILES = ['index.html', 'style.css'];

const SHIMS: Record<string, string> = {
  'node:fs': `${WEB_SOURCE}node-fs.ts`,
  'node:path': `${WEB_SOURCE}node-path.ts`,
};

const nodeShims: Plugin = {
  name: 'node-shims',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const shim = SHIMS[args.path];
      if (shim) return { path: shim };
      return { errors: [{ text: `${args.path} (imported by ${args.importer}) cannot run in the browser page` }] };
    });
  },
};

/** Builds into `outDir` (default dist/web), replacing what was there. */
export async function buildWeb(options: { minify?: boolean; outDir?: string } = {}): Promise<void> {
  const outDir = options.outDir ?? WEB_OUT;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { main: `${WEB_SOURCE}main.ts` },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    chunkNames: 'chunk-[hash]',
    plugins: [nodeShims],
    logLevel: 'warning',
    legalComments: 'none',
  });
  for (const file of STATIC_FILES) await copyFile(`${WEB_SOURCE}${file}`, join(outDir, file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  await buildWeb();
  console.log(`dist/web built in ${Date.now() - started} ms`);
}
