// The playground server's hygiene: 127.0.0.1 only, a fixed allowlist of files, path traversal and
// foreign Host headers refused, no CORS headers; plus the gallery listing and the followed spec.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requestPath, startServer, type RunningServer } from '../../src/serve/server.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path and Host header go out exactly as given (fetch would normalise them). */
function get(port: number, path: string, host = `127.0.0.1:${port}`, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let server: RunningServer;
let specPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-serve-'));
  const web = join(dir, 'web');
  const root = join(dir, 'project');
  for (const d of [web, join(root, 'specs'), join(root, 'examples', 'lecture'), join(root, 'mine')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(web, 'main.js'), 'console.log(1)');
  writeFileSync(join(web, 'notes.txt'), 'not a page file type');
  writeFileSync(join(root, 'specs', 'tiny.yaml'), 'input: [4]\nlayers: [flatten]\n');
  writeFileSync(join(root, 'examples', 'lecture', 'setting-a.yaml'), 'input: [128, 128, 1]\n');
  writeFileSync(join(root, 'secret.txt'), 'SECRET');
  writeFileSync(join(root, 'package.json'), '{"name":"secret"}');
  writeFileSync(join(root, 'mine', 'base.yaml'), 'input: [8, 8, 1]\nlayers: [flatten]\n');
  specPath = join(root, 'mine', 'model.yaml');
  writeFileSync(specPath, 'extends: base.yaml\nname: mine\n');
  server = await startServer({ port: 0, root, webDir: web, specPath });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what is served', () => {
  test.each([
    ['/', 200, 'text/html'],
    ['/index.html', 200, 'text/html'],
    ['/main.js', 200, 'text/javascript'],
    ['/main.js?v=2', 200, 'text/javascript'],
    ['/gallery/specs/tiny.yaml', 200, 'text/yaml'],
    ['/gallery/examples/lecture/setting-a.yaml', 200, 'text/yaml'],
    ['/api/gallery', 200, 'application/json'],
    ['/api/spec', 200, 'application/json'],
  ])('%s → %i %s', async (path, status, type) => {
    const reply = await get(server.port, path);
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toContain(type);
  });

  test.each([
    ['/notes.txt', 404],
    ['/secret.txt', 404],
    ['/package.json', 404],
    ['/gallery/secret.txt', 404],
    ['/gallery/package.json', 404],
    ['/gallery/mine/base.yaml', 404],
    ['/src/serve/server.ts', 404],
    ['/web/index.html', 404],
  ])('%s is not on the allowlist → %i', async (path, status) => {
    const reply = await get(server.port, path);
    expect(reply.status).toBe(status);
    expect(reply.body).not.toContain('SECRET');
  });
});

describe('path traversal is refused', () => {
  test.each([
    '/../secret.txt',
    '/gallery/specs/../../secret.txt',
    '/gallery/../secret.txt',
    '/%2e%2e/secret.txt',
    '/gallery/%2e%2e/%2e%2e/secret.txt',
    '/gallery/..%2f..%2fsecret.txt',
    '/gallery/specs/..%5c..%5csecret.txt',
    '/gallery/specs/./tiny.yaml',
    '/main.js%00.html',
    '//evil.example/secret.txt',
    '/%',
    'secret.txt',
  ])('%s → 400', async (path) => {
    const reply = await get(server.port, path);
    expect(reply.status).toBe(400);
    expect(reply.body).not.toContain('SECRET');
  });
});

describe('Host header', () => {
  test.each([
    ['evil.example', 403],
    ['evil.example:80', 403],
    ['127.0.0.1', 403],
    ['127.0.0.1:1', 403],
    ['localhost.evil.example', 403],
  ])('Host %j → %i', async (host, status) => {
    const reply = await get(server.port, '/', host);
    expect(reply.status).toBe(status);
    expect(reply.body).not.toContain('<title>');
  });

  test('a request without a Host header is refused', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.[01] 403 /);
  });

  test('localhost with our port is ours', async () => {
    expect((await get(server.port, '/', `localhost:${server.port}`)).status).toBe(200);
  });
});

describe('responses', () => {
  test('only GET and HEAD', async () => {
    const post = await get(server.port, '/', undefined, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await get(server.port, '/main.js', undefined, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  test('no CORS headers, anywhere; a content security policy and nosniff everywhere', async () => {
    for (const path of ['/', '/main.js', '/api/gallery', '/api/spec', '/nope', '/../x']) {
      const reply = await get(server.port, path);
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  test('listens on 127.0.0.1 and says so', async () => {
    // The bound socket itself, as the operating system reports it (not the url built from HOST).
    expect(server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: server.port });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    // And it is unreachable from this machine's other addresses.
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (outside) {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(server.port, outside, () => (socket.destroy(), resolve('connected')));
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
  });
});

describe('gallery and the followed spec', () => {
  test('the gallery lists YAML under specs/ and examples/, grouped by folder', async () => {
    const listing = JSON.parse((await get(server.port, '/api/gallery')).body);
    expect(listing).toEqual({
      items: [
        { group: 'specs', name: 'tiny.yaml', path: '/gallery/specs/tiny.yaml' },
        { group: 'examples/lecture', name: 'setting-a.yaml', path: '/gallery/examples/lecture/setting-a.yaml' },
      ],
      served: { name: 'model.yaml' },
    });
  });

  test('the served spec comes with its extends chain', async () => {
    const spec = JSON.parse((await get(server.port, '/api/spec')).body);
    expect(spec).toEqual({
      name: 'model.yaml',
      file: '/served/model.yaml',
      text: 'extends: base.yaml\nname: mine\n',
      related: { '/served/base.yaml': 'input: [8, 8, 1]\nlayers: [flatten]\n' },
      version: expect.stringMatching(/^[0-9a-f]{32}$/),
      token: expect.stringMatching(/^[\w-]{32}$/),
    });
  });

  test('saving the file pushes it to the page', async () => {
    const events: string[] = [];
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}` } });
    const received = new Promise<void>((resolve) => {
      req.on('response', (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          events.push(chunk);
          if (events.join('').includes('name: saved')) resolve();
          else if (events.length === 1) writeFileSync(specPath, 'extends: base.yaml\nname: saved\n');
        });
      });
    });
    req.end();
    await received;
    req.destroy();
    const all = events.join('');
    expect(all.startsWith('retry: 1000\n\nevent: spec\ndata: ')).toBe(true);
    expect(all).toContain('name: mine');
    expect(all).toContain('name: saved');
  });
});

describe('requestPath', () => {
  test.each([
    ['/', '/'],
    ['/main.js?x=1#y', '/main.js'],
    ['/gallery/specs/res%20net.yaml', '/gallery/specs/res net.yaml'],
    ['/a/../b', undefined],
    ['/a/%2E%2E/b', undefined],
    ['/a\\b', undefined],
    ['/a%5cb', undefined],
    ['/a%00', undefined],
    ['//host/a', undefined],
    ['http://127.0.0.1/a', undefined],
    ['/%E0%A4%A', undefined],
  ])('%j → %j', (url, expected) => {
    expect(requestPath(url)).toBe(expected);
  });
});
