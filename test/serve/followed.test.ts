// Following the spec on disk: read once per change (not per request), pushed only when content
// changes (a touch is not a change), bases of `extends` watched and confined, a deleted and
// recreated folder followed again, size caps, and bounded concurrent work.
import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, posix } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { analyzeFile, analyzeText } from '../../src/index.js';
import { MAX_ACTIVE_REQUESTS, MAX_EVENT_STREAMS, MAX_SPEC_BYTES } from '../../src/serve/limits.js';
import { readKnownFile } from '../../src/serve/web/known-files.js';
import { serveSpec, type Served } from './fixture.js';
import { call, followEvents, sleep } from './http.js';

let served: Served;
afterEach(async () => served?.close());

/** Waits until `check` holds (polling), or fails after `ms`. */
async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}

type Payload = Awaited<ReturnType<Served['payload']>>;

/** The page's view of the spec once it satisfies `check` (the server re-reads after a change). */
async function payloadWhen(check: (payload: Payload) => boolean, ms = 15_000): Promise<Payload> {
  const end = Date.now() + ms;
  for (;;) {
    const payload = await served.payload();
    if (check(payload)) return payload;
    if (Date.now() > end) throw new Error(`the payload did not change as expected: ${JSON.stringify(payload).slice(0, 300)}`);
    await sleep(50);
  }
}

describe('read once per change', () => {
  test('a hundred requests and ten pages read the file once', async () => {
    served = await serveSpec('name: once\n');
    const loads = served.server.stats().specLoads;
    expect(loads).toBe(1);
    const pages = await Promise.all(Array.from({ length: 10 }, () => followEvents(served.server.port)));
    const replies = await Promise.all(Array.from({ length: 100 }, () => call(served.server.port, '/api/spec')));
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
    expect(served.server.stats().specLoads).toBe(loads);
    writeFileSync(served.spec, 'name: twice\n');
    await until(() => pages.every((p) => p.specs.length === 2));
    // One change, a few file-system events (watch and poll): a handful of reads, not one per request.
    expect(served.server.stats().specLoads).toBeLessThan(loads + 5);
    expect(pages[0]!.specs[1]!.text).toBe('name: twice\n');
    pages.forEach((p) => p.close());
  });

  test('a 2 MB spec does not hold up other requests', async () => {
    const big = `name: big\nlayers:\n${'  - relu\n'.repeat(Math.floor((MAX_SPEC_BYTES - 30) / 9))}`;
    served = await serveSpec(big);
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => call(served.server.port, i % 2 ? '/api/spec' : '/')));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    // Before: 11–17 s per request, each re-parsing the file. Generous for a loaded machine.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(served.server.stats().specLoads).toBe(1);
  });
});

describe('pushes follow content, not times', () => {
  test('a touch (metadata only) pushes nothing; a real change pushes once', async () => {
    served = await serveSpec('name: same\n');
    const page = await followEvents(served.server.port);
    const now = new Date();
    utimesSync(served.spec, now, new Date(now.getTime() + 5000));
    writeFileSync(served.spec, 'name: same\n'); // a save of identical bytes
    await sleep(1000);
    expect(page.specs).toHaveLength(1);
    writeFileSync(served.spec, 'name: changed\n');
    await until(() => page.specs.length === 2);
    expect(page.specs[1]!.text).toBe('name: changed\n');
    page.close();
  });

  test('saves in a row never push an older version after a newer one', async () => {
    served = await serveSpec('name: v0\n');
    const page = await followEvents(served.server.port);
    let base = (await served.payload()).version;
    for (let i = 1; i <= 20; i++) {
      const reply = await served.save(`name: v${i}\n`, base);
      expect(reply.status).toBe(200);
      base = JSON.parse(reply.body).version;
    }
    await until(() => page.specs.at(-1)!.text === 'name: v20\n');
    await sleep(500); // the watcher's late reads land too
    const order = page.specs.map((s) => Number(/v(\d+)/.exec(s.text)![1]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.at(-1)).toBe(20);
    page.close();
  });

  test('editing the extends base pushes the new base', async () => {
    served = await serveSpec('extends: base.yaml\nname: child\n');
    writeFileSync(join(served.folder, 'base.yaml'), 'input: [8]\nlayers: [flatten]\n');
    await sleep(400); // the base appeared after the first read
    const page = await followEvents(served.server.port);
    expect(page.specs[0]!.related).toEqual({ '/served/base.yaml': 'input: [8]\nlayers: [flatten]\n' });
    writeFileSync(join(served.folder, 'base.yaml'), 'input: [16]\nlayers: [flatten]\n');
    await until(() => page.specs.some((s) => s.related['/served/base.yaml']?.includes('[16]')));
    expect(page.specs.at(-1)!.text).toBe('extends: base.yaml\nname: child\n');
    page.close();
  });

  test('a base of the base is watched too', async () => {
    served = await serveSpec('extends: sub/mid.yaml\nname: child\n');
    mkdirSync(join(served.folder, 'sub'));
    writeFileSync(join(served.folder, 'sub', 'mid.yaml'), 'extends: ../root.yaml\n');
    writeFileSync(join(served.folder, 'root.yaml'), 'input: [1]\n');
    const page = await followEvents(served.server.port);
    await until(() => page.specs.at(-1)!.related['/served/root.yaml'] === 'input: [1]\n');
    writeFileSync(join(served.folder, 'root.yaml'), 'input: [2]\n');
    await until(() => page.specs.at(-1)!.related['/served/root.yaml'] === 'input: [2]\n');
    page.close();
  });

  test('following survives the folder being deleted and recreated', async () => {
    served = await serveSpec('name: before\n');
    const page = await followEvents(served.server.port);
    rmSync(served.folder, { recursive: true });
    await until(() => page.specs.at(-1)!.error !== undefined);
    expect(page.specs.at(-1)!.error).toMatch(/model\.yaml is not there/);
    mkdirSync(served.folder);
    writeFileSync(served.spec, 'name: after\n');
    await until(() => page.specs.at(-1)!.text === 'name: after\n');
    writeFileSync(served.spec, 'name: again\n');
    await until(() => page.specs.at(-1)!.text === 'name: again\n');
    page.close();
  });
});

describe('what the page is given', () => {
  const SECRET = 'SECRET-CONTENT-42';

  /** The page's analysis of a payload: `extends` reads what the server handed out, as the page does. */
  function pageDiagnostics(payload: Payload & { file: string }): string[] {
    const readFile = (path: string) => readKnownFile(new Map(Object.entries(payload.related)), new Map(Object.entries(payload.refused ?? {})), path);
    return analyzeText(payload.text, { file: payload.file, readFile }).diagnostics.map((d) => d.message);
  }

  const NAME = (base: string) => `'extends' names a spec file ending in .yaml or .yml, not '${base}'`;
  const OUTSIDE = "outside the followed spec's folder: the playground reads files in that folder and below only";
  test.each([
    // [base, what the server records for it, what the page's analysis says, the CLI says the same]
    ['/etc/passwd', undefined, NAME('/etc/passwd'), true],
    ['/proc/self/environ', undefined, NAME('/proc/self/environ'), true],
    ['../../secret.txt', undefined, NAME('../../secret.txt'), true],
    ['../../secret.yaml', OUTSIDE, `../../secret.yaml: ${OUTSIDE}`, false],
    ['link.yaml', OUTSIDE, `link.yaml: ${OUTSIDE}`, false],
    ['/dev/zero', undefined, NAME('/dev/zero'), true],
    ['missing.yaml', 'no such file', 'missing.yaml: no such file', true],
  ])('extends: %s is refused with a reason, never its content', async (base, recorded, shown, asTheCli) => {
    served = await serveSpec(`extends: ${base}\nname: x\n`, { 'secret.txt': SECRET, 'secret.yaml': `name: ${SECRET}\n` });
    symlinkSync(join(served.dir, 'secret.yaml'), join(served.folder, 'link.yaml'));
    writeFileSync(served.spec, `extends: ${base}\nname: x \n`); // re-read now that the link exists
    await payloadWhen((p) => p.text === `extends: ${base}\nname: x \n`);
    const reply = await call(served.server.port, '/api/spec');
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toContain('root:');
    const payload = JSON.parse(reply.body);
    expect(payload.related).toEqual({});
    // Refusals about the file on disk come from the server; the others the page's own walk finds.
    expect(payload.refused).toEqual(recorded === undefined ? undefined : { [posix.resolve('/served', base)]: recorded });
    expect(pageDiagnostics(payload)).toEqual([shown]);
    if (asTheCli) expect(analyzeFile(served.spec).diagnostics.map((d) => d.message)).toEqual([shown]);
  });

  test('a cycle: the bases are handed out, and the page reports the cycle as the CLI does', async () => {
    served = await serveSpec('extends: a.yaml\nname: x\n');
    writeFileSync(join(served.folder, 'a.yaml'), 'extends: model.yaml\n');
    writeFileSync(served.spec, 'extends: a.yaml\nname: y\n');
    const payload = await payloadWhen((p) => p.text === 'extends: a.yaml\nname: y\n');
    expect(payload.related).toEqual({ '/served/a.yaml': 'extends: model.yaml\n' });
    expect(payload.refused).toBeUndefined();
    const cycle = ["'extends' forms a cycle: model.yaml → a.yaml → model.yaml"];
    expect(pageDiagnostics(payload as Payload & { file: string })).toEqual(cycle);
    expect(analyzeFile(served.spec).diagnostics.map((d) => d.message)).toEqual(cycle);
  });

  test('a chain of 20 files: the server hands out the 15 bases the analysis reads, which stops at the 16th file', async () => {
    served = await serveSpec('extends: s1.yaml\nname: x\n');
    for (let i = 1; i < 20; i++) writeFileSync(join(served.folder, `s${i}.yaml`), `extends: s${i + 1}.yaml\n`);
    writeFileSync(served.spec, 'extends: s1.yaml\nname: y\n');
    const payload = await payloadWhen((p) => p.text === 'extends: s1.yaml\nname: y\n');
    expect(Object.keys(payload.related)).toEqual(Array.from({ length: 15 }, (_, i) => `/served/s${i + 1}.yaml`));
    const bound = ["'extends' chains more than 16 files (16 so far); netspec stops here"];
    expect(pageDiagnostics(payload as Payload & { file: string })).toEqual(bound);
    expect(analyzeFile(served.spec).diagnostics.map((d) => d.message)).toEqual(bound);
  });

  test('a base file over the size cap is refused', async () => {
    served = await serveSpec('extends: base.yaml\n', {});
    writeFileSync(join(served.folder, 'base.yaml'), `# ${'x'.repeat(MAX_SPEC_BYTES)}\n`);
    writeFileSync(served.spec, 'extends: base.yaml\nname: y\n');
    const payload = await payloadWhen((p) => p.text === 'extends: base.yaml\nname: y\n');
    expect(payload.refused).toEqual({ '/served/base.yaml': expect.stringMatching(/base\.yaml is .*MB; the playground follows spec files up to 2\.00 MB/) });
  });

  test('a followed file over the size cap: a clear message, no content', async () => {
    served = await serveSpec('name: small\n');
    writeFileSync(served.spec, `name: big # ${'x'.repeat(MAX_SPEC_BYTES)}\n`);
    const payload = await payloadWhen((p) => p.error !== undefined);
    expect(payload.error).toMatch(/^model\.yaml is 2\.00 MB; the playground follows spec files up to 2\.00 MB$/);
    expect(payload.text).toBe('');
    expect(payload.version).toBeUndefined();
  });

  test('a gallery file replaced by a link to a file outside is not served', async () => {
    served = await serveSpec('name: x\n', { 'secret.yaml': `name: ${SECRET}\n` });
    const specs = join(served.dir, 'project', 'specs');
    mkdirSync(specs);
    writeFileSync(join(specs, 'ok.yaml'), 'name: ok\n');
    await sleep(2100); // the gallery listing is re-read after 2 s
    const listing = JSON.parse((await call(served.server.port, '/api/gallery')).body);
    expect(listing.items.map((i: { path: string }) => i.path)).toEqual(['/gallery/specs/ok.yaml']);
    rmSync(join(specs, 'ok.yaml'));
    symlinkSync(join(served.dir, 'secret.yaml'), join(specs, 'ok.yaml'));
    const reply = await call(served.server.port, '/gallery/specs/ok.yaml');
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain(SECRET);
  });

  test('a gallery folder replaced by a link to a folder outside is not served through', async () => {
    served = await serveSpec('name: x\n');
    const specs = join(served.dir, 'project', 'specs');
    mkdirSync(join(specs, 'sub'), { recursive: true });
    writeFileSync(join(specs, 'sub', 'a.yaml'), 'name: ok\n');
    await sleep(2100);
    expect((await call(served.server.port, '/gallery/specs/sub/a.yaml')).status).toBe(200);
    mkdirSync(join(served.dir, 'outside'));
    writeFileSync(join(served.dir, 'outside', 'a.yaml'), `name: ${SECRET}\n`);
    rmSync(join(specs, 'sub'), { recursive: true });
    symlinkSync(join(served.dir, 'outside'), join(specs, 'sub'));
    const reply = await call(served.server.port, '/gallery/specs/sub/a.yaml');
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain(SECRET);
  });
});

describe('bounded work', () => {
  test(`beyond ${MAX_ACTIVE_REQUESTS} requests at once: 503 with Retry-After, and room again after`, async () => {
    served = await serveSpec('name: x\n');
    const { token } = await served.payload();
    // Saves whose bodies never finish arriving hold their slots.
    const stalled = Array.from({ length: MAX_ACTIVE_REQUESTS }, () => {
      const req = request({
        host: '127.0.0.1',
        port: served.server.port,
        path: '/api/save',
        method: 'POST',
        headers: { host: `127.0.0.1:${served.server.port}`, 'x-netspec-token': token, 'content-length': '100' },
      });
      req.on('error', () => undefined);
      req.write('name: partial');
      return req;
    });
    await until(() => served.server.stats().activeRequests === MAX_ACTIVE_REQUESTS);
    const busy = await call(served.server.port, '/api/spec');
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    stalled.forEach((req) => req.destroy());
    await until(() => served.server.stats().activeRequests === 0);
    expect((await call(served.server.port, '/api/spec')).status).toBe(200);
  });

  test(`at most ${MAX_EVENT_STREAMS} pages follow at once`, async () => {
    served = await serveSpec('name: x\n');
    const pages = await Promise.all(Array.from({ length: MAX_EVENT_STREAMS }, () => followEvents(served.server.port)));
    const refused = await call(served.server.port, '/api/events');
    expect(refused.status).toBe(503);
    pages.forEach((p) => p.close());
  });

  test('a page that stops reading its event stream is dropped, not buffered for', async () => {
    served = await serveSpec('name: x\n');
    const paused = request({ host: '127.0.0.1', port: served.server.port, path: '/api/events', headers: { host: `127.0.0.1:${served.server.port}` } });
    paused.on('response', (res) => res.pause());
    paused.on('error', () => undefined);
    paused.end();
    await until(() => served.server.stats().eventStreams === 1);
    for (let i = 0; i < 12 && served.server.stats().eventStreams === 1; i++) {
      writeFileSync(served.spec, `name: v${i} # ${String(i).repeat(MAX_SPEC_BYTES - 40)}\n`);
      await until(() => served.server.stats().specLoads >= i + 2, 10_000);
    }
    await until(() => served.server.stats().eventStreams === 0);
    paused.destroy();
  }, 60_000);

  test('close() ends open streams and stalled requests at once', async () => {
    served = await serveSpec('name: x\n');
    const { token } = await served.payload();
    await followEvents(served.server.port);
    const req = request({
      host: '127.0.0.1',
      port: served.server.port,
      path: '/api/save',
      method: 'POST',
      headers: { host: `127.0.0.1:${served.server.port}`, 'x-netspec-token': token, 'content-length': '100' },
    });
    req.on('error', () => undefined);
    req.write('x');
    await until(() => served.server.stats().activeRequests === 1);
    const started = Date.now();
    await served.server.close();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
