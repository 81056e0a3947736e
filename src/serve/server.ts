// `netspec serve`'s HTTP server: 127.0.0.1 only, GET/HEAD only, a fixed list of files, the Host
// header checked against our own address (a page on another site cannot reach us through DNS
// rebinding), no CORS headers, and a strict content security policy.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { bundleFiles, galleryFiles, packageRoot, type StaticFile } from './files.js';
import type { GalleryListing } from './protocol.js';
import { readServedSpec, watchSpec } from './served-spec.js';

export const HOST = '127.0.0.1';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** The spec file the page follows. */
  specPath?: string;
  /** Where specs/ and examples/ are (default: the package root). */
  root?: string;
  /** The page bundle (default: dist/web under the package root). */
  webDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

export class BundleMissingError extends Error {}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = options.root ?? packageRoot();
  const webDir = options.webDir ?? join(packageRoot(), 'dist', 'web');
  if (!existsSync(join(webDir, 'index.html'))) throw new BundleMissingError(`the page bundle is missing (${webDir}); build it with \`npm run build:web\``);
  const bundle = bundleFiles(webDir);
  let gallery = galleryFiles(root);
  const events = new Set<ServerResponse>();
  let watcher: FSWatcher | undefined;
  let port = options.port;

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, head = false): void => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  };
  const refuse = (res: ServerResponse, status: number, message: string): void => send(res, status, 'text/plain; charset=utf-8', `${message}\n`);
  const json = (res: ServerResponse, value: unknown, head: boolean): void => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value), head);

  const listing = (): GalleryListing => {
    gallery = galleryFiles(root);
    return { items: gallery.items, ...(options.specPath ? { served: { name: basename(options.specPath) } } : {}) };
  };

  const openEvents = (res: ServerResponse): void => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(`event: spec\ndata: ${JSON.stringify(readServedSpec(options.specPath!))}\n\n`);
    events.add(res);
    res.on('close', () => events.delete(res));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) return refuse(res, 403, 'forbidden: this server answers only to its own address');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'method not allowed');
    }
    const head = req.method === 'HEAD';
    const path = requestPath(req.url ?? '');
    if (path === undefined) return refuse(res, 400, 'bad request path');
    if (path === '/api/gallery') return json(res, listing(), head);
    if (options.specPath && path === '/api/spec') return json(res, readServedSpec(options.specPath), head);
    if (options.specPath && path === '/api/events' && !head) return openEvents(res);
    const file: StaticFile | undefined = bundle.get(path) ?? gallery.files.get(path);
    if (!file) return refuse(res, 404, 'not found');
    send(res, 200, file.type, await readFile(file.path), head);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  if (options.specPath) {
    const specPath = options.specPath;
    watcher = watchSpec(specPath, () => {
      const message = `event: spec\ndata: ${JSON.stringify(readServedSpec(specPath))}\n\n`;
      for (const res of events) res.write(message);
    });
  }
  const heartbeat = setInterval(() => events.forEach((res) => res.write(': keep-alive\n\n')), 20_000);
  heartbeat.unref();

  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: async () => {
      clearInterval(heartbeat);
      watcher?.close();
      for (const res of events) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The request's path, decoded, or undefined when it is not a plain absolute path: no `..`
 * segments, backslashes or NUL (the allowlist would refuse them anyway; this says why sooner).
 */
export function requestPath(url: string): string | undefined {
  const raw = url.split('?')[0]!.split('#')[0]!;
  if (!raw.startsWith('/') || raw.startsWith('//')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (/\\|\0/.test(path) || path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return path;
}
