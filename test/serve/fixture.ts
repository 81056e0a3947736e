// A followed spec in a temporary folder, served by a real server with a stub page bundle.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { call, type Reply } from './http.js';

export interface Served {
  dir: string;
  /** The followed spec's folder. */
  folder: string;
  spec: string;
  server: RunningServer;
  /** The page's view of the spec: text, version, token. */
  payload(): Promise<{ text: string; version?: string; token: string; related: Record<string, string>; refused?: Record<string, string>; error?: string }>;
  /** A save as the page sends it (override any header with `headers`). */
  save(text: string | Buffer, base: string | undefined, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

export async function serveSpec(text: string, files: Record<string, string> = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-serve-'));
  const web = join(dir, 'web');
  const folder = join(dir, 'project', 'mine');
  mkdirSync(web, { recursive: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>page</title>');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const spec = join(folder, 'model.yaml');
  writeFileSync(spec, text);
  const server = await startServer({ port: 0, root: join(dir, 'project'), webDir: web, specPath: spec });
  const origin = `http://127.0.0.1:${server.port}`;
  const payload = async () => JSON.parse((await call(server.port, '/api/spec')).body);
  return {
    dir,
    folder,
    spec,
    server,
    payload,
    save: async (body, base, headers = {}) => {
      const { token } = await payload();
      return call(server.port, '/api/save', {
        method: 'POST',
        body,
        headers: {
          origin,
          'sec-fetch-site': 'same-origin',
          'content-type': 'text/plain; charset=utf-8',
          'x-netspec-token': token,
          ...(base === undefined ? {} : { 'x-netspec-base': base }),
          ...headers,
        },
      });
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
