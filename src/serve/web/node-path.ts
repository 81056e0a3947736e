// The slice of node:path the spec loader uses (dirname, resolve, relative, sep), for the browser bundle. Paths in
// the page are POSIX-style gallery paths such as `/specs/resnet50.yaml`.

export const sep = '/';

export function dirname(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? (path.startsWith('/') ? '/' : '.') : path.slice(0, cut);
}

export function resolve(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts) {
    if (part.startsWith('/')) segments.length = 0;
    for (const segment of part.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') segments.pop();
      else segments.push(segment);
    }
  }
  return `/${segments.join('/')}`;
}

export function join(...parts: string[]): string {
  return parts
    .filter((p) => p !== '')
    .join('/')
    .replace(/\/+/g, '/');
}

/** The path from `from` to `to`, both resolved (POSIX, as node:path's relative). */
export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...Array<string>(a.length - common).fill('..'), ...b.slice(common)].join('/');
}

export default { dirname, resolve, join, relative, sep };
