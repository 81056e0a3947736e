// The playground's save: it writes only the followed file, atomically, only from our own page,
// and only over the version the page loaded (otherwise a conflict, and the file is left alone).
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/serve/atomic-write.js';
import { MAX_SPEC_BYTES } from '../../src/serve/limits.js';
import { serveSpec, type Served } from './fixture.js';
import { call, sleep } from './http.js';

const ORIGINAL = 'name: original\ninput: [4]\nlayers: [flatten]\n';
const EDITED = 'name: edited\ninput: [4]\nlayers: [flatten]\n';

let served: Served;
afterEach(async () => served?.close());

describe('a save from the page', () => {
  test('writes the followed file and answers with its new version', async () => {
    served = await serveSpec(ORIGINAL);
    const { version } = await served.payload();
    const reply = await served.save(EDITED, version);
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body);
    expect(body.ok).toBe(true);
    expect(readFileSync(served.spec, 'utf8')).toBe(EDITED);
    expect(body.version).toBe((await served.payload()).version);
    expect(body.version).not.toBe(version);
  });

  test('leaves no temporary file behind and keeps the permissions', async () => {
    served = await serveSpec(ORIGINAL);
    chmodSync(served.spec, 0o640);
    const inodeBefore = statSync(served.spec).ino;
    expect((await served.save(EDITED, (await served.payload()).version)).status).toBe(200);
    expect(readdirSync(served.folder)).toEqual(['model.yaml']);
    expect(statSync(served.spec).mode & 0o777).toBe(0o640);
    // Replaced by a rename, not rewritten in place.
    expect(statSync(served.spec).ino).not.toBe(inodeBefore);
  });

  test('a file changed on disk since the page loaded it is a conflict: nothing is written', async () => {
    served = await serveSpec(ORIGINAL);
    const { version } = await served.payload();
    writeFileSync(served.spec, 'name: theirs\n');
    const reply = await served.save(EDITED, version);
    expect(reply.status).toBe(409);
    const body = JSON.parse(reply.body);
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(/model\.yaml changed on disk/);
    expect(body.conflict.text).toBe('name: theirs\n');
    expect(readFileSync(served.spec, 'utf8')).toBe('name: theirs\n');
    // Resolved ("keep mine"): saving over the version now on disk goes through.
    expect((await served.save(EDITED, body.conflict.version)).status).toBe(200);
    expect(readFileSync(served.spec, 'utf8')).toBe(EDITED);
  });

  test.each([
    ['no base version', undefined],
    ['an empty base version', ''],
    ['a made-up base version', '0'.repeat(32)],
  ])('%s is a conflict', async (_, base) => {
    served = await serveSpec(ORIGINAL);
    expect((await served.save(EDITED, base)).status).toBe(409);
    expect(readFileSync(served.spec, 'utf8')).toBe(ORIGINAL);
  });

  test('a followed file deleted on disk is written again', async () => {
    served = await serveSpec(ORIGINAL);
    const { version } = await served.payload();
    rmSync(served.spec);
    expect((await served.save(EDITED, version)).status).toBe(200);
    expect(readFileSync(served.spec, 'utf8')).toBe(EDITED);
  });

  test('a followed file that became too large or a directory is not overwritten', async () => {
    served = await serveSpec(ORIGINAL);
    const { version } = await served.payload();
    const big = `# ${'x'.repeat(MAX_SPEC_BYTES)}\n`;
    writeFileSync(served.spec, big);
    const reply = await served.save(EDITED, version);
    expect(reply.status).toBe(422);
    expect(JSON.parse(reply.body).message).toMatch(/not saved: model\.yaml is .*MB; the playground follows spec files up to 2\.00 MB/);
    expect(readFileSync(served.spec, 'utf8')).toBe(big);
    rmSync(served.spec);
    mkdirSync(served.spec);
    expect((await served.save(EDITED, version)).status).toBe(422);
    expect(statSync(served.spec).isDirectory()).toBe(true);
  });

  test('a text over the size cap is refused (413) and nothing is written', async () => {
    served = await serveSpec(ORIGINAL);
    const reply = await served.save(`# ${'x'.repeat(MAX_SPEC_BYTES)}\n`, (await served.payload()).version);
    expect(reply.status).toBe(413);
    expect(readFileSync(served.spec, 'utf8')).toBe(ORIGINAL);
  });

  test('text that is not UTF-8 is refused', async () => {
    served = await serveSpec(ORIGINAL);
    const reply = await served.save(Buffer.from([0x6e, 0x61, 0xff, 0xfe]), (await served.payload()).version);
    expect(reply.status).toBe(400);
    expect(readFileSync(served.spec, 'utf8')).toBe(ORIGINAL);
  });

  test('a symbolic link to the spec stays a link; its target gets the text', async () => {
    served = await serveSpec(ORIGINAL);
    const real = join(served.folder, 'real.yaml');
    renameSync(served.spec, real);
    symlinkSync('real.yaml', served.spec);
    await sleep(400);
    expect((await served.save(EDITED, (await served.payload()).version)).status).toBe(200);
    expect(lstatSync(served.spec).isSymbolicLink()).toBe(true);
    expect(readlinkSync(served.spec)).toBe('real.yaml');
    expect(readFileSync(real, 'utf8')).toBe(EDITED);
  });
});

describe('only the followed file, only from our page', () => {
  test('the request cannot name a file: query strings and other paths write nothing else', async () => {
    served = await serveSpec(ORIGINAL, { 'other.yaml': 'name: other\n' });
    const other = join(served.dir, 'other.yaml');
    const { version, token } = await served.payload();
    const headers = { origin: `http://127.0.0.1:${served.server.port}`, 'x-netspec-token': token, 'x-netspec-base': version! };
    for (const path of ['/api/save?path=../../other.yaml', '/api/save?file=/etc/passwd']) {
      const reply = await call(served.server.port, path, { method: 'POST', body: 'name: hijack\n', headers });
      expect(reply.status).toBe(200);
      headers['x-netspec-base'] = JSON.parse(reply.body).version;
    }
    for (const path of ['/api/save/../../other.yaml', '/api/save/other.yaml', '/gallery/../other.yaml', '/other.yaml', '/api/spec']) {
      const reply = await call(served.server.port, path, { method: 'POST', body: 'name: hijack\n', headers });
      expect([400, 405]).toContain(reply.status);
    }
    expect(readFileSync(other, 'utf8')).toBe('name: other\n');
    expect(readFileSync(served.spec, 'utf8')).toBe('name: hijack\n');
    expect(readdirSync(served.folder)).toEqual(['model.yaml']);
  });

  test.each([
    ['no token', { 'x-netspec-token': '' }],
    ['a wrong token', { 'x-netspec-token': 'x'.repeat(32) }],
    ['another site as Origin', { origin: 'http://evil.example' }],
    ['our address on another port as Origin', { origin: 'http://127.0.0.1:1' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site (other port) fetch', { 'sec-fetch-site': 'same-site' }],
  ])('%s → 403, nothing written', async (_, headers) => {
    served = await serveSpec(ORIGINAL);
    const reply = await served.save(EDITED, (await served.payload()).version, headers);
    expect(reply.status).toBe(403);
    expect(readFileSync(served.spec, 'utf8')).toBe(ORIGINAL);
  });

  test('a foreign Host header → 403, nothing written', async () => {
    served = await serveSpec(ORIGINAL);
    const { version, token } = await served.payload();
    const reply = await call(served.server.port, '/api/save', {
      method: 'POST',
      host: 'evil.example',
      body: EDITED,
      headers: { 'x-netspec-token': token, 'x-netspec-base': version! },
    });
    expect(reply.status).toBe(403);
    expect(readFileSync(served.spec, 'utf8')).toBe(ORIGINAL);
  });

  test('a CORS preflight gets no CORS headers (so a browser never sends the save)', async () => {
    served = await serveSpec(ORIGINAL);
    const reply = await call(served.server.port, '/api/save', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-netspec-token' },
    });
    expect(reply.status).toBe(405);
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  test('a server that follows no file has nothing to save', async () => {
    served = await serveSpec(ORIGINAL);
    const { startServer } = await import('../../src/serve/server.js');
    const bare = await startServer({ port: 0, root: served.dir, webDir: join(served.dir, 'web') });
    try {
      const reply = await call(bare.port, '/api/save', { method: 'POST', body: EDITED, headers: { 'x-netspec-token': 'x' } });
      expect(reply.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('writeFileAtomic', () => {
  test('removes what a killed save left (its own naming, a process that is gone), nothing else', async () => {
    served = await serveSpec(ORIGINAL);
    const path = join(served.folder, 'model.yaml');
    const gone = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const leftovers = {
      [`.model.yaml.${gone}.0123456789ab.netspec-tmp`]: false,
      [`.model.yaml.${process.pid}.0123456789ab.netspec-tmp`]: true, // ours, maybe in progress
      [`.model.yaml.${gone}.0123456789ab.tmp`]: true, // not our naming
      [`.other.yaml.${gone}.0123456789ab.netspec-tmp`]: true, // another file's
      'notes.txt': true,
    };
    for (const name of Object.keys(leftovers)) writeFileSync(join(served.folder, name), 'x');
    await writeFileAtomic(path, EDITED);
    const kept = readdirSync(served.folder);
    for (const [name, stays] of Object.entries(leftovers)) expect(kept.includes(name), name).toBe(stays);
    expect(readFileSync(path, 'utf8')).toBe(EDITED);
  });

  test('a reader never sees a mix of the old and the new text', async () => {
    served = await serveSpec(ORIGINAL);
    const path = join(served.folder, 'atomic.yaml');
    const texts = ['a'.repeat(1 << 20), 'b'.repeat(1 << 20)];
    writeFileSync(path, texts[0]!);
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 20; i++) await writeFileAtomic(path, texts[i % 2]!);
      writing = false;
    })();
    const seen = new Set<string>();
    while (writing) {
      const text = readFileSync(path, 'utf8');
      seen.add(text === texts[0] ? 'a' : text === texts[1] ? 'b' : `mixed (${text.length} chars)`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer;
    expect([...seen].filter((s) => s.startsWith('mixed'))).toEqual([]);
    expect(readdirSync(served.folder).sort()).toEqual(['atomic.yaml', 'model.yaml']);
  });
});
