// `netspec serve` as a real process stops within a second of SIGTERM or SIGINT, even with a page
// following the file, a request stalled half-way and an idle keep-alive connection open.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/serve/files.js';
import { call, followEvents } from './http.js';

let dir: string;
let spec: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-stop-'));
  spec = join(dir, 'model.yaml');
  writeFileSync(spec, 'name: stop\ninput: [4]\nlayers: [flatten]\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startServe(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-main.ts'), 'serve', spec, '--port', '0'], {
    cwd: packageRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`netspec serve exited (${code}) before serving: ${out}`)));
  });
}

describe.each(['SIGTERM', 'SIGINT'] as const)('%s', (signal) => {
  test('stops the server within a second, with busy connections open', async () => {
    const { child, port } = await startServe();
    const page = await followEvents(port);
    const { token } = JSON.parse((await call(port, '/api/spec')).body);
    const stalled = request({
      host: '127.0.0.1',
      port,
      path: '/api/save',
      method: 'POST',
      headers: { host: `127.0.0.1:${port}`, 'x-netspec-token': token, 'content-length': '1000' },
    });
    stalled.on('error', () => undefined);
    stalled.write('name: half');
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      request({ host: '127.0.0.1', port, path: '/', agent, headers: { host: `127.0.0.1:${port}` } }, (res) => res.resume().on('end', resolve)).end(),
    );
    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
      const sent = Date.now();
      child.on('exit', (code) => resolve({ code, ms: Date.now() - sent }));
      child.kill(signal);
    });
    const { code, ms } = await exited;
    page.close();
    agent.destroy();
    console.log(`${signal}: netspec serve stopped in ${ms} ms`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1000);
  }, 60_000);
});
