// Who may talk to the server: requests addressed to our own host and port (a page on another site
// cannot reach us through DNS rebinding), and for a save, a request from our own page: same origin
// by the browser's word (Origin, Sec-Fetch-Site) and carrying the per-run token, which only our
// page can read (no CORS headers are ever sent, so another site can neither read the token nor
// send the custom header without a preflight we never answer).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SAVE_TOKEN_HEADER } from './protocol.js';

export const HOST = '127.0.0.1';

export function ownHost(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

export function fromOwnPage(req: IncomingMessage, port: number, token: string): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${HOST}:${port}` && origin !== `http://localhost:${port}`) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const sent = Buffer.from(String(req.headers[SAVE_TOKEN_HEADER] ?? ''));
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/** The request body, or undefined when it is longer than `limit` bytes (the rest is not read). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
