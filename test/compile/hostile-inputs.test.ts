// predict and compile against hostile or unlucky inputs, as separate processes measured from the
// outside: each ends in a diagnostic naming the file, exit 1 (2 for a usage error), no "internal
// error", within seconds and far under 1 GB — never a crash, a hang, or bytes read as weights.
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngClaiming } from './helpers.js';
import { bundleCli, runProcess } from '../hostile/run-process.js';

const repo = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'netspec-hostile-predict-'));
// The bundle sits inside the repository so that TensorFlow.js (external to it) resolves.
const bundleDir = join(repo, 'dist/hostile-predict');
let script: string;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});
const file = (name: string, content: string | Uint8Array): string => (writeFileSync(join(dir, name), content), join(dir, name));

const spec = file('conv.yaml', 'name: c\ninput: [8, 8, 3]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3}\n');

/** A sparse file of `bytes` bytes (no disk space, no time). */
function sparse(name: string, bytes: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  closeSync(fd);
  execFileSync('truncate', ['-s', String(bytes), path]);
  return path;
}

let modelDir: string;
beforeAll(async () => {
  script = await bundleCli(bundleDir);
  // A real model to tamper with: compiled once by the CLI itself.
  modelDir = join(dir, 'model');
  const run = await runProcess(['compile', spec, '-o', modelDir, '--backend', 'cpu'], { script, cwd: repo });
  expect(run.code, run.stderr).toBe(0);
}, 120_000);

function tamperedModel(name: string, paths: string[]): string {
  const folder = join(dir, name);
  cpSync(modelDir, folder, { recursive: true });
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  json.weightsManifest[0].paths = paths;
  writeFileSync(join(folder, 'model.json'), JSON.stringify(json));
  return join(folder, 'model.json');
}

interface Case {
  name: string;
  args: () => string[];
  code: number;
  message: RegExp;
}

const CASES: Case[] = [
  {
    name: 'a 69-byte PNG claiming 20000×20000 pixels',
    args: () => ['predict', spec, '--data', file('huge.png', pngClaiming(20000, 20000))],
    code: 1,
    message: /huge\.png: error\[data\]: the image is 20000×20000 pixels, more than netspec reads/,
  },
  {
    name: 'a JPEG frame header claiming 30000×30000 pixels',
    args: () => [
      'predict',
      spec,
      '--data',
      file('huge.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x75, 0x30, 0x75, 0x30, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])),
    ],
    code: 1,
    message: /huge\.jpg: error\[data\]: the image is 30000×30000 pixels/,
  },
  {
    name: 'JSON nested 100,000 deep',
    args: () => ['predict', spec, '--data', file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))],
    code: 1,
    message: /deep\.json: error\[data\]: arrays nested more than 32 levels deep/,
  },
  {
    name: 'a 3 GB CSV file',
    args: () => ['predict', spec, '--data', sparse('big.csv', 3e9)],
    code: 1,
    message: /big\.csv: error\[data\]: is larger than the limit of 64\.00 MB/,
  },
  {
    name: 'a FIFO as --data',
    args: () => (execFileSync('mkfifo', [join(dir, 'fifo.json')]), ['predict', spec, '--data', join(dir, 'fifo.json')]),
    code: 1,
    message: /fifo\.json: error\[data\]: is not a regular file \(a FIFO\)/,
  },
  {
    name: "a model.json naming '../../../../etc/passwd' as weights",
    args: () => ['predict', tamperedModel('traversal', ['../../../../../../../../etc/passwd']), '--data', file('x.json', JSON.stringify([[[0]]]))],
    code: 1,
    message: /model\.json: error\[model-json\]: .*weight path '(\.\.\/)+etc\/passwd' is outside the model's folder/,
  },
  {
    name: 'a model.json naming /dev/zero as weights',
    args: () => ['predict', tamperedModel('device', ['/dev/zero']), '--data', join(dir, 'x.json')],
    code: 1,
    message: /is outside the model's folder/,
  },
  {
    name: 'compile of 9e8 parameters',
    args: () => ['compile', file('huge.yaml', 'name: h\ninput: [30000]\nlayers:\n  - dense: {units: 30000}\n'), '-o', join(dir, 'never')],
    code: 1,
    message: /huge\.yaml:4:\d+: error\[model-too-large\]: the model has 900,030,000 parameters; its weights would need 3,600,120,000 bytes/,
  },
];

describe('hostile inputs to predict and compile', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_, c) => {
      // The wall-clock limit only catches hangs: a loaded machine stretches a 2 s run well past 30 s.
      const run = await runProcess([...c.args(), '--backend', 'cpu'], { script, cwd: repo, killAfterMs: 150_000 });
      expect(run.timedOut).toBe(false);
      expect(run.stderr).toMatch(c.message);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(run.stdout).toBe('');
      expect(run.code).toBe(c.code);
      expect(run.cpuMs).toBeLessThan(15_000);
      expect(run.maxRssMb).toBeLessThan(600);
      if (c.name.startsWith('compile')) expect(() => readFileSync(join(dir, 'never', 'model.json'))).toThrow();
    },
    200_000,
  );
});
