// `netspec serve`'s HTTP server: 127.0.0.1 only, a fixed list of files, the Host header checked
// against our own address, no CORS headers, a strict content security policy, and one write: the
// followed spec, from our own page only (see request-guard.ts). Work is bounded: the spec is read
// once per change and kept, files are streamed, and requests beyond a small number at once get 503.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { formatBytes } from '../format/format.js';
import { bundleFiles, GALLERY_DIRS, galleryFiles, packageRoot, type Gallery, type StaticFile } from './files.js';
import { FollowedSpec } from './followed-spec.js';
import { MAX_ACTIVE_REQUESTS, MAX_EVENT_STREAMS, MAX_SPEC_BYTES, MAX_UNREAD_EVENT_BYTES } from './limits.js';
import { SAVE_BASE_HEADER, type GalleryListing, type SaveReply } from './protocol.js';
import { fromOwnPage, HOST, ownHost, readBody } from './request-guard.js';

export { HOST };

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** The spec file the page follows (and may save). */
  specPath?: string;
  /** Where specs/ and examples/ are (default: the package root). */
  root?: string;
  /** The page bundle (default: dist/web under the package root). */
  webDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The socket's own bound address (from the operating system, not from the url above). */
  address(): AddressInfo;
  /** Counters for tests: reads of the followed spec, requests and event streams open now. */
  stats(): { specLoads: number; activeRequests: number; eventStreams: number };
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
/** The gallery listing is re-read at most this often. */
const GALLERY_TTL_MS = 2000;
const HEARTBEAT_MS = 20_000;
/** How long `close` waits for a save under way before letting go. */
const CLOSE_GRACE_MS = 400;

export class BundleMissingError extends Error {}

const send = (res: ServerResponse, status: number, type: string, body: string, head = false, extra: Record<string, string> = {}): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
};
const refuse = (res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void =>
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`, false, extra);
const sendJson = (res: ServerResponse, status: number, json: string, head = false): void => send(res, status, 'application/json; charset=utf-8', json, head);

/** Streams a file that is still a regular file (not a link) within `cap` bytes and, when given, inside `folders`. */
async function sendFile(res: ServerResponse, file: StaticFile, head: boolean, cap: number, folders?: string[]): Promise<void> {
  const stats = await lstat(file.path).catch(() => undefined);
  if (!stats?.isFile()) return refuse(res, 404, 'not found');
  if (folders) {
    // A folder on the way replaced by a link since the listing must not lead outside.
    const real = await realpath(file.path).catch(() => '');
    if (!folders.some((folder) => real.startsWith(folder + sep))) return refuse(res, 404, 'not found');
  }
  if (stats.size > cap) return refuse(res, 413, 'file too large to serve');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Length': stats.size });
  if (head || stats.size === 0) return void res.end();
  await pipeline(createReadStream(file.path, { start: 0, end: stats.size - 1 }), res).catch(() => res.destroy());
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = options.root ?? packageRoot();
  const webDir = options.webDir ?? join(packageRoot(), 'dist', 'web');
  if (!existsSync(join(webDir, 'index.html'))) throw new BundleMissingError(`the page bundle is missing (${webDir}); build it with \`npm run build:web\``);
  const bundle = bundleFiles(webDir);
  const token = randomBytes(24).toString('base64url');
  const events = new Set<ServerResponse>();
  let port = options.port;
  let active = 0;

  // A page that does not read what it is sent is dropped rather than buffered for (it reconnects
  // and gets the latest version).
  const broadcast = (json: string): void => {
    for (const res of events) {
      if (res.writableLength > MAX_UNREAD_EVENT_BYTES) res.destroy();
      else res.write(`event: spec\ndata: ${json}\n\n`);
    }
  };
  const followed = options.specPath ? new FollowedSpec(options.specPath, token, broadcast) : undefined;
  await followed?.start();

  let gallery: Promise<Gallery> = galleryFiles(root);
  const galleryFolders = Promise.all(GALLERY_DIRS.map((dir) => realpath(join(root, dir)).catch(() => join(root, dir))));
  let galleryAt = Date.now();
  const currentGallery = (): Promise<Gallery> => {
    if (Date.now() - galleryAt > GALLERY_TTL_MS) {
      gallery = galleryFiles(root);
      galleryAt = Date.now();
    }
    return gallery;
  };
  const listing = async (): Promise<string> => {
    const body: GalleryListing = { items: (await currentGallery()).items, ...(options.specPath ? { served: { name: basename(options.specPath) } } : {}) };
    return JSON.stringify(body);
  };

  const openEvents = (res: ServerResponse): void => {
    if (events.size >= MAX_EVENT_STREAMS) return refuse(res, 503, 'too many pages are following this file', { 'Retry-After': '5' });
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    // A page that loses us (the server restarted) tries again after a second.
    res.write(`retry: 1000\n\nevent: spec\ndata: ${followed!.current()}\n\n`);
    events.add(res);
    res.on('close', () => events.delete(res));
  };

  const save = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!followed) return refuse(res, 404, 'not found: this server follows no file');
    if (!fromOwnPage(req, port, token)) return refuse(res, 403, 'forbidden: saves come from the playground page only');
    const body = await readBody(req, MAX_SPEC_BYTES);
    if (!body)
      return sendJson(
        res,
        413,
        JSON.stringify({ ok: false, message: `not saved: the playground saves spec files up to ${formatBytes(MAX_SPEC_BYTES)}` } satisfies SaveReply),
      );
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return sendJson(res, 400, JSON.stringify({ ok: false, message: 'not saved: the text is not UTF-8' } satisfies SaveReply));
    }
    const reply = await followed.save(text, String(req.headers[SAVE_BASE_HEADER] ?? ''));
    sendJson(res, reply.ok ? 200 : reply.conflict ? 409 : 422, JSON.stringify(reply));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!ownHost(req, port)) return refuse(res, 403, 'forbidden: this server answers only to its own address');
    const path = requestPath(req.url ?? '');
    if (req.method === 'POST' && path === '/api/save') return save(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    const head = req.method === 'HEAD';
    if (path === undefined) return refuse(res, 400, 'bad request path');
    if (path === '/api/gallery') return sendJson(res, 200, await listing(), head);
    if (followed && path === '/api/spec') return sendJson(res, 200, followed.current(), head);
    if (followed && path === '/api/events' && !head) return openEvents(res);
    const fromBundle = bundle.get(path);
    if (fromBundle) return sendFile(res, fromBundle, head, Number.MAX_SAFE_INTEGER);
    const fromGallery = path.startsWith('/gallery/') ? (await currentGallery()).files.get(path) : undefined;
    if (fromGallery) return sendFile(res, fromGallery, head, MAX_SPEC_BYTES, await galleryFolders);
    refuse(res, 404, 'not found');
  };

  const server = createServer((req, res) => {
    const streaming = req.url === '/api/events';
    if (!streaming) {
      if (active >= MAX_ACTIVE_REQUESTS) return refuse(res, 503, 'busy: too many requests at once; try again', { 'Retry-After': '1' });
      active++;
      res.on('close', () => active--);
    }
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.maxConnections = 256;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, HOST, () => resolve());
    });
  } catch (err) {
    await followed?.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  const heartbeat = setInterval(() => events.forEach((res) => res.write(': keep-alive\n\n')), HEARTBEAT_MS);
  heartbeat.unref();

  return {
    url: `http://${HOST}:${port}/`,
    port,
    address: () => server.address() as AddressInfo,
    stats: () => ({ specLoads: followed?.loads ?? 0, activeRequests: active, eventStreams: events.size }),
    close: async () => {
      clearInterval(heartbeat);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const res of events) res.end();
      events.clear();
      server.closeAllConnections();
      await Promise.all([stopped, Promise.race([followed?.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())])]);
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
