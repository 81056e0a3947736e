// The files the server may hand out, listed up front: the page bundle (dist/web) and the gallery
// (YAML under specs/ and examples/). A request names one of these URL paths exactly or gets 404;
// nothing from the request is ever joined onto a directory.
// Gallery files are checked again when served: a regular file (not a link), within the size cap.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GalleryItem } from './protocol.js';

export const GALLERY_DIRS = ['specs', 'examples'];
const MAX_GALLERY_FILES = 500;

/** The package root: the nearest directory above this module holding package.json. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('netspec serve: cannot find the package root');
    dir = up;
  }
  return dir;
}

export interface StaticFile {
  path: string;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
};

function typeOf(name: string): string | undefined {
  return TYPES[name.slice(name.lastIndexOf('.'))];
}

/** `/main.js` → dist/web/main.js, for each servable file directly in the bundle directory. */
export function bundleFiles(webDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(webDir)) {
    const type = typeOf(name);
    const path = join(webDir, name);
    if (type && statSync(path).isFile()) files.set(`/${name}`, { path, type });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}

export interface Gallery {
  items: GalleryItem[];
  files: Map<string, StaticFile>;
}

const MAX_GALLERY_DEPTH = 6;

/** YAML files under the gallery directories, as `/gallery/specs/lenet5.yaml` → file (symbolic links skipped). */
export async function galleryFiles(root: string): Promise<Gallery> {
  const items: GalleryItem[] = [];
  const files = new Map<string, StaticFile>();
  const visit = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (items.length >= MAX_GALLERY_FILES || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_GALLERY_DEPTH) await visit(path, depth + 1);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
        const rel = relative(root, path).split(sep).join('/');
        const url = `/gallery/${rel}`;
        items.push({ group: rel.slice(0, rel.lastIndexOf('/')), name: entry.name, path: url });
        files.set(url, { path, type: typeOf(entry.name)! });
      }
    }
  };
  for (const dir of GALLERY_DIRS) await visit(join(root, dir), 0);
  return { items, files };
}
