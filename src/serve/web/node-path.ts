// The slice of node:path the spec loader uses (dirname, resolve), for the browser bundle. Paths in
// the page are POSIX-style gallery paths such as `/specs/resnet50.yaml`.

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

export default { dirname, resolve, join };
