// `netspec serve` on the command line: its flags, its usage errors, and a start and stop.
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/command.js';
import { parsePort } from '../../src/cli/commands/serve.js';
import { packageRoot } from '../../src/serve/files.js';

function captureIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isTTY: false, cwd: packageRoot(), readStdin: async () => '' };
}

describe('parsePort', () => {
  test.each([
    [undefined, 8080],
    ['0', 0],
    ['3000', 3000],
    ['65535', 65535],
  ])('%j → %i', (value, port) => expect(parsePort(value)).toBe(port));

  test.each(['-1', '65536', '80.5', 'http', ''])('%j is a usage error', (value) => {
    expect(() => parsePort(value)).toThrow(/--port expects a port number/);
  });
});

describe('usage errors exit 2', () => {
  test.each([
    [['serve', 'no-such-spec.yaml'], /no-such-spec\.yaml: no such file/],
    [['serve', 'specs'], /specs: is a directory; give a spec file/],
    [['serve', '/dev/null'], /\/dev\/null: is not a regular file/],
    [['serve', 'package.json'], /package\.json: the playground follows \.yaml and \.yml files only/],
    [['serve', 'a.yaml', 'b.yaml'], /at most one spec file/],
    [['serve', '--port', 'x'], /--port expects/],
  ])('%j', async (argv, message) => {
    const io = captureIO();
    expect(await main(argv, io)).toBe(2);
    expect(io.err.join('')).toMatch(message);
  });
});

describe('serving', () => {
  // Uses dist/web, which `npm install` builds (the prepare script).
  test('prints its 127.0.0.1 URL, serves the page, stops on Ctrl+C', async () => {
    const io = captureIO();
    const running = main(['serve', 'examples/lecture/setting-b.yaml', '--port', '0'], io);
    await expect.poll(() => io.out.join(''), { timeout: 10_000 }).toMatch(/serving http:\/\/127\.0\.0\.1:\d+\//);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(io.out.join(''))![0];
    expect(io.out.join('')).toContain('following examples/lecture/setting-b.yaml');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="editor"');
    const spec = (await (await fetch(`${url}api/spec`)).json()) as { text: string };
    expect(spec.text).toContain('name: setting-b');
    process.emit('SIGINT');
    expect(await running).toBe(0);
  });
});
