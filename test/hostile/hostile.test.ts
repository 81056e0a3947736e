// Hostile and unlucky inputs, each run through the real CLI in its own process: every one ends in
// a clear diagnostic at the offending line (or a clean refusal) within bounded time and memory —
// never a hang, a crash, an "internal error", or a terminal driven by escapes from the spec.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleCli, runProcess, type ProcessRun } from './run-process.js';

/** Bounds every run must meet. CPU time, not wall time, so a busy machine does not fail a correct run. */
const MAX_CPU_MS = 10_000;
const MAX_RSS_MB = 1024;
/** Wall-clock limits only catch hangs: a loaded machine may stretch a 3 s run well past 30 s. */
const KILL_AFTER_MS = 150_000;
const TEST_TIMEOUT = 200_000;

let root: string;
let script: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'netspec-hostile-'));
  script = await bundleCli(root);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A folder of its own for one test, with the CLI run inside it. */
function sandbox(): {
  dir: string;
  write(name: string, text: string | Buffer): string;
  netspec(args: string[], options?: { stdin?: Readable; env?: Record<string, string> }): Promise<ProcessRun>;
} {
  const dir = mkdtempSync(join(root, 'case-'));
  return {
    dir,
    write(name, text) {
      writeFileSync(join(dir, name), text);
      return name;
    },
    netspec: (args, options = {}) => runProcess(args, { script, cwd: dir, killAfterMs: KILL_AFTER_MS, ...options }),
  };
}

/** What every hostile run must satisfy, whatever the case. */
function expectBounded(run: ProcessRun): void {
  // NETSPEC_HOSTILE_REPORT=1 prints each run's measurements (the README's figures come from it).
  if (process.env.NETSPEC_HOSTILE_REPORT)
    console.log(`${expect.getState().currentTestName}: ${Math.round(run.cpuMs)} ms CPU, ${Math.round(run.maxRssMb)} MB peak, ${run.wallMs} ms wall`);
  expect(run.timedOut, 'the run hung and was killed').toBe(false);
  expect(run.stderr + run.stdout).not.toMatch(/internal error|Maximum call stack|\n\s+at /);
  expect(run.cpuMs, `CPU time ${run.cpuMs} ms`).toBeLessThan(MAX_CPU_MS);
  expect(run.maxRssMb, `peak memory ${run.maxRssMb} MB`).toBeLessThan(MAX_RSS_MB);
}

/** Exit 1 with a diagnostic of `code` at `file:line` (the first one printed). */
function expectDiagnostic(run: ProcessRun, file: string, line: number, code: string): void {
  expectBounded(run);
  expect(run.code).toBe(1);
  const first = run.stderr.split('\n')[0]!;
  expect(first).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:${line}:\\d+: error\\[${code}\\]`));
}

const flowList = (items: string[]): string => `[${items.join(', ')}]`;

describe('YAML: aliases and nesting', () => {
  test(
    'a billion-laughs alias bomb stops at the alias that crosses the limit',
    async () => {
      const { write, netspec } = sandbox();
      let text = `a: &a ${flowList(Array(9).fill('x'))}\n`;
      const names = 'bcdefghi';
      for (let i = 0; i < names.length; i++) text += `${names[i]}: &${names[i]} ${flowList(Array(9).fill(`*${i === 0 ? 'a' : names[i - 1]}`))}\n`;
      const run = await netspec(['summary', write('laughs.yaml', `${text}input: [8]\nlayers: [relu]\n`)]);
      expectDiagnostic(run, 'laughs.yaml', 2, 'yaml-alias');
      expect(run.stderr.match(/error\[yaml-alias\]/g)).toHaveLength(1);
    },
    TEST_TIMEOUT,
  );

  test(
    'a large anchored list referenced 100 times is counted by what it expands to',
    async () => {
      const { write, netspec } = sandbox();
      const items = Array.from({ length: 12_000 }, (_, i) => `      - dense: {units: ${i + 1}}`).join('\n');
      const refs = Array.from({ length: 100 }, () => '  - *big').join('\n');
      // 5 header lines + 12,000 items + `extra:`; the 3rd reference crosses 100,000 nodes.
      const text = `input: [8]\nblocks:\n  b:\n    layers: &big\n${items}\nextra:\n${refs}\nlayers: [relu]\n`;
      const run = await netspec(['summary', write('alias-big.yaml', text)]);
      expectDiagnostic(run, 'alias-big.yaml', 12_008, 'yaml-alias');
    },
    TEST_TIMEOUT,
  );

  test(
    'flow nesting 100,000 deep',
    async () => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('deep-flow.yaml', `input: [8]\nlayers: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)]);
      expectDiagnostic(run, 'deep-flow.yaml', 2, 'too-deep');
    },
    TEST_TIMEOUT,
  );

  test(
    'block nesting 20,000 deep on one line',
    async () => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('deep-block.yaml', `input: [8]\nlayers:\n  ${'- '.repeat(20_000)}relu\n`)]);
      expectDiagnostic(run, 'deep-block.yaml', 3, 'too-deep');
    },
    TEST_TIMEOUT,
  );

  test(
    'a map of 100,000 keys is read in linear time (duplicate keys found with a set)',
    async () => {
      const { write, netspec } = sandbox();
      const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
      const run = await netspec(['summary', write('wide.yaml', `input: [8]\nlayers: [relu]\nnotes:\n${keys}\n`)]);
      expectDiagnostic(run, 'wide.yaml', 3, 'schema');
    },
    TEST_TIMEOUT,
  );

  test(
    'a flow list of 2,000,000 entries is refused before the YAML parser (it took 15 s and 2.2 GB)',
    async () => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('flow.yaml', `input: [8]\nlayers: [relu]\nnotes: [${'1,'.repeat(2_000_000)}1]\n`)]);
      expectDiagnostic(run, 'flow.yaml', 3, 'too-large');
      expect(run.stderr).toContain('spec has more than 400,000 lines and [...]/{...} entries');
    },
    TEST_TIMEOUT,
  );

  test(
    'a million-line list is refused before the YAML parser (it took 10 s and 1.1 GB)',
    async () => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('lines.yaml', `input: [8]\nlayers: [relu]\nnotes:\n${'- 1\n'.repeat(1_000_000)}`)]);
      expectDiagnostic(run, 'lines.yaml', 400_000, 'too-large');
      expect(run.stderr).toContain('spec has more than 400,000 lines and [...]/{...} entries');
    },
    TEST_TIMEOUT,
  );

  test(
    'an unbalanced call in a flow list of 100,000 items is rejoined in linear time',
    async () => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('split.yaml', `input: [8]\nlayers: [Dense(8${', 1'.repeat(100_000)}]\n`)]);
      expectBounded(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^split\.yaml:2:\d+: error/);
    },
    TEST_TIMEOUT,
  );
});

describe('expansion: repeat, when, empty groups, fan-out', () => {
  test(
    'nested repeat whose iterations when: excludes all',
    async () => {
      const { write, netspec } = sandbox();
      const text = 'input: [8]\nlayers:\n  - sequential:\n      - dense: {units: 4}\n        repeat: 100000\n        when: false\n    repeat: 100000\n';
      const run = await netspec(['summary', write('when.yaml', text)]);
      expectDiagnostic(run, 'when.yaml', 5, 'too-large');
      expect(run.stderr).toContain('expanding the spec takes more than 1,000,000 steps');
    },
    TEST_TIMEOUT,
  );

  test(
    'repeats of empty groups',
    async () => {
      const { write, netspec } = sandbox();
      const text = 'input: [8]\nlayers:\n  - sequential:\n      - sequential: []\n        repeat: 100000\n    repeat: 100000\n';
      const run = await netspec(['summary', write('empty.yaml', text)]);
      expectBounded(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^empty\.yaml:[45]:\d+: error\[too-large\]/);
    },
    TEST_TIMEOUT,
  );

  test(
    'blocks calling blocks eight times each, nine levels deep (8^9 calls)',
    async () => {
      const { write, netspec } = sandbox();
      const names = 'abcdefghjk';
      let text = 'input: [8]\nblocks:\n  a: {layers: [{sequential: []}]}\n';
      for (let i = 1; i < names.length; i++) text += `  ${names[i]}: {layers: ${flowList(Array(8).fill(names[i - 1]))}}\n`;
      const run = await netspec(['summary', write('fanout.yaml', `${text}layers: [k]\n`)]);
      expectDiagnostic(run, 'fanout.yaml', 3, 'too-large');
    },
    TEST_TIMEOUT,
  );
});

describe('expressions: list and string growth', () => {
  test.each([
    ['[0] * 10**9', 'params:\n  a: 10**9 * [0]\n', 2, "the result of '*' is too long"],
    ['doubling a list', 'params:\n  a: 500000 * [0]\n  b: a + a\n  c: b + b\n', 4, "the result of '+' is too long"],
    ['a list holding a big list many times', 'params:\n  a: 1000 * [0]\n  b: 1000 * [a]\n', 3, "the result of '*' is too long"],
    ['a literal of big lists', 'params:\n  a: 600000 * [0]\n  b: (a, a)\n', 3, 'this tuple is too long'],
    ["'a' * 10**9", "params:\n  a: 10**9 * 'a'\n", 2, "the result of '*' is too long"],
    ['doubling a string', "params:\n  a: 1000 * 'a'\n  b: 1000 * a\n  c: b + b\n", 4, "the result of '+' is too long"],
  ])(
    '%s',
    async (_, params, line, message) => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('growth.yaml', `${params}input: [8]\nlayers: [relu]\n`)]);
      expectDiagnostic(run, 'growth.yaml', line, 'expr-value');
      expect(run.stderr).toContain(message);
      expect(run.stderr.split('\n')[0]).toMatch(/^growth\.yaml:\d+:6:/);
    },
    TEST_TIMEOUT,
  );
});

describe('diagnostics: repeated and many', () => {
  test(
    'the same error in 4096 iterations is printed once, with the count',
    async () => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('repeat-error.yaml', 'input: [8]\nlayers:\n  - dense: {units: nope}\n    repeat: 4096\n')]);
      expectDiagnostic(run, 'repeat-error.yaml', 3, 'expr-name');
      expect(run.stderr.match(/unknown name 'nope'/g)).toHaveLength(1);
      expect(run.stderr).toContain('(×4096)');
    },
    TEST_TIMEOUT,
  );

  test(
    'an error in each of 900,000 iterations stops after 10,000',
    async () => {
      const { write, netspec } = sandbox();
      const text = 'input: [8]\nlayers:\n  - sequential:\n      - dense: {units: nope}\n        repeat: 100000\n    repeat: 9\n';
      const run = await netspec(['summary', write('same.yaml', text)]);
      expectDiagnostic(run, 'same.yaml', 4, 'expr-name');
      expect(run.stderr).toContain("unknown name 'nope' (×10000)");
      expect(run.stderr).toContain('error[too-many-errors]: stopped after 10,000 errors');
    },
    TEST_TIMEOUT,
  );

  test(
    'a different error in each of 900,000 iterations stops after 10,000, printing 100',
    async () => {
      const { write, netspec } = sandbox();
      const text =
        'input: [8]\nlayers:\n  - sequential:\n      - dense: {units: "-1 - i - 100000 * j"}\n        repeat: 100000\n    repeat: {times: 9, as: j}\n';
      const run = await netspec(['summary', write('distinct.yaml', text)]);
      expectDiagnostic(run, 'distinct.yaml', 4, 'argument');
      expect(run.stderr.match(/error\[argument\]/g)).toHaveLength(100);
      expect(run.stderr).toContain('… and 9900 more problems not shown');
      expect(run.stderr).toContain('error[too-many-errors]: stopped after 10,000 errors');
    },
    TEST_TIMEOUT,
  );

  test(
    'a 1.2 MB file with 40,000 errors prints the first 100, a count and where it stopped',
    async () => {
      const { write, netspec } = sandbox();
      const lines = Array.from({ length: 40_000 }, (_, i) => `  - dense: {units: nope${i}}\n`).join('');
      const run = await netspec(['summary', write('many.yaml', `input: [8]\nlayers:\n${lines}`)]);
      expectDiagnostic(run, 'many.yaml', 3, 'expr-name');
      expect(run.stderr.match(/error\[expr-name\]/g)).toHaveLength(100);
      expect(run.stderr).toContain('… and 9900 more problems not shown');
      expect(run.stderr).toMatch(/many\.yaml:10002:\d+: error\[too-many-errors\]: stopped after 10,000 errors/);
      expect(run.stderr).toContain('many.yaml:102:');
      expect(run.stderr).not.toContain('many.yaml:103:');
    },
    TEST_TIMEOUT,
  );
});

describe('files that are not specs: devices, FIFOs, directories, binaries, endless stdin', () => {
  test.each([
    ['a directory', (dir: string) => (mkdirSync(join(dir, 'folder.yaml')), 'folder.yaml'), 'is a directory'],
    ['a FIFO (no writer: must not block)', (dir: string) => (execFileSync('mkfifo', [join(dir, 'pipe.yaml')]), 'pipe.yaml'), 'is not a regular file (a FIFO)'],
    ['a device', () => '/dev/zero', 'is not a regular file (a device)'],
    [
      'binary content',
      (dir: string) => (writeFileSync(join(dir, 'binary.yaml'), Buffer.from(Array.from({ length: 150_000 }, (_, i) => i % 256))), 'binary.yaml'),
      'is not a text file (binary content)',
    ],
    ['too large', (dir: string) => (writeFileSync(join(dir, 'huge.yaml'), `# ${'x'.repeat(6_000_000)}\n`), 'huge.yaml'), 'is larger than the limit of 5.00 MB'],
  ])(
    '%s as the spec: one short line',
    async (_, make, message) => {
      const { netspec, dir } = sandbox();
      const file = make(dir);
      const run = await netspec(['summary', file]);
      expectBounded(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`${file}: error[file]: ${message}\n1 error\n`);
    },
    TEST_TIMEOUT,
  );

  test(
    'an endless stream on stdin stops at the 5 MB limit',
    async () => {
      const { netspec } = sandbox();
      const endless = new Readable({
        read() {
          this.push('#'.repeat(65_536));
        },
      });
      const run = await netspec(['summary', '-'], { stdin: endless });
      expectBounded(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('<stdin>: error[file]: is larger than the limit of 5.00 MB\n1 error\n');
    },
    TEST_TIMEOUT,
  );

  test(
    'binary content on stdin',
    async () => {
      const { netspec } = sandbox();
      const run = await netspec(['summary', '-'], { stdin: Readable.from([Buffer.from([0, 1, 2, 3, 0xff, 0xfe])]) });
      expectBounded(run);
      expect(run.stderr).toBe('<stdin>: error[file]: is not a text file (binary content)\n1 error\n');
    },
    TEST_TIMEOUT,
  );
});

describe('extends: confined to YAML specs, never echoing other files', () => {
  const secret = 'NETSPEC_HOSTILE_SECRET_7f3a';

  test.each([
    ['/etc/passwd', "'extends' names a spec file ending in .yaml or .yml, not '/etc/passwd'"],
    ['/proc/self/environ', "'extends' names a spec file ending in .yaml or .yml"],
    ['/dev/zero', "'extends' names a spec file ending in .yaml or .yml"],
    ['../../../../../../etc/passwd', "'extends' names a spec file ending in .yaml or .yml"],
  ])(
    'extends: %s',
    async (target, message) => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('child.yaml', `name: child\nextends: ${target}\ninput: [8]\nlayers: [relu]\n`)], {
        env: { [secret]: secret },
      });
      expectDiagnostic(run, 'child.yaml', 2, 'extends');
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/root:|NETSPEC_HOSTILE_SECRET_7f3a=/);
    },
    TEST_TIMEOUT,
  );

  test(
    'a chain of 40 extends stops at the 16th file',
    async () => {
      const { write, netspec } = sandbox();
      for (let i = 1; i < 40; i++) write(`s${i}.yaml`, `extends: s${i + 1}.yaml\nname: s${i}\n`);
      write('s40.yaml', 'input: [8]\nlayers: [relu]\n');
      const run = await netspec(['summary', 's1.yaml']);
      expectBounded(run);
      expect(run.code).toBe(1);
      // Diagnostics in a base file name it by its full path; the 16th file may not add a 17th.
      expect(run.stderr.split('\n')[0]).toMatch(/\/s16\.yaml:1:10: error\[extends\]: 'extends' chains more than 16 files/);
    },
    TEST_TIMEOUT,
  );

  test.each([
    [
      'a .yaml link to /etc/passwd',
      (dir: string) => symlinkSync('/etc/passwd', join(dir, 'passwd-link.yaml')),
      'passwd-link.yaml',
      'a link to a file that is not a .yaml/.yml spec',
    ],
    [
      'a .yaml link to /proc/self/environ',
      (dir: string) => symlinkSync('/proc/self/environ', join(dir, 'environ-link.yaml')),
      'environ-link.yaml',
      'a link to a file that is not a .yaml/.yml spec',
    ],
    [
      'a FIFO named .yaml',
      (dir: string) => execFileSync('mkfifo', [join(dir, 'base-pipe.yaml')]),
      'base-pipe.yaml',
      'base-pipe.yaml: is not a regular file (a FIFO)',
    ],
    ['a directory named .yaml', (dir: string) => mkdirSync(join(dir, 'base-dir.yaml')), 'base-dir.yaml', 'base-dir.yaml: is a directory'],
    [
      'a .yaml file that is not a mapping',
      (dir: string) => writeFileSync(join(dir, 'list.yaml'), '- root:x:0:0\n- secret\n'),
      'list.yaml',
      'is not a netspec spec (not a YAML mapping)',
    ],
  ])(
    'extends: %s',
    async (_, make, target, message) => {
      const { write, netspec, dir } = sandbox();
      make(dir);
      const run = await netspec(['summary', write('child.yaml', `name: child\nextends: ${target}\ninput: [8]\nlayers: [relu]\n`)], {
        env: { [secret]: secret },
      });
      expectDiagnostic(run, 'child.yaml', 2, 'extends');
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/root:|NETSPEC_HOSTILE_SECRET_7f3a=|secret/);
    },
    TEST_TIMEOUT,
  );
});

describe('terminal escapes never reach the terminal raw', () => {
  const ESC = '\u001b';
  const hostileName = `evil${ESC}]0;pwned\u0007${ESC}[2J`;

  function expectNoControls(run: ProcessRun): void {
    // Only newline and tab may appear: no ESC, BEL, CR or other control character.
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  }

  test.each([
    [
      'a model name',
      `name: "${hostileName.replace(ESC, '\\e').replace(ESC, '\\e').replace('\u0007', '\\a')}\\nforged line"\ninput: [8]\nlayers: [relu]\n`,
      1,
      'schema',
    ],
    ['a kind', 'input: [8]\nlayers:\n  - "Dense\\e[31m(4)"\n', 3, 'expr-syntax'],
    ['a block name', 'input: [8]\nblocks:\n  "b\\e]0;x\\a": {layers: [relu]}\nlayers:\n  - {"b\\e]0;x\\a": {}, name: "a\\rb"}\n', 5, 'bad-name'],
    ['an activation', 'input: [8]\nlayers:\n  - dense: {units: 4, activation: "relu\\e[2J\\u202e"}\n', 3, 'schema'],
    ['an unknown kind', 'input: [8]\nlayers:\n  - {"Conv\\e[2J2D": {filters: 1}}\n', 3, 'unknown-kind'],
  ])(
    'in %s',
    async (_, text, line, code) => {
      const { write, netspec } = sandbox();
      const run = await netspec(['summary', write('escape.yaml', text)]);
      expectBounded(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^escape\\.yaml:${line}:\\d+: error\\[${code}\\]`));
      expectNoControls(run);
    },
    TEST_TIMEOUT,
  );

  test.each(['table', 'markdown', 'csv', 'json'])(
    'summary --format %s of a spec whose description holds escapes',
    async (format) => {
      const { write, netspec } = sandbox();
      const run = await netspec([
        'summary',
        write('described.yaml', 'name: fine\ndescription: "clear\\e[2J\\a"\ninput: [8]\nlayers:\n  - dense: {units: 4}\n'),
        '--format',
        format,
      ]);
      expectBounded(run);
      expect(run.code).toBe(0);
      expectNoControls(run);
    },
    TEST_TIMEOUT,
  );

  test(
    'explain and check',
    async () => {
      const { write, netspec } = sandbox();
      const file = write('explained.yaml', 'name: fine\ninput: [8]\nlayers:\n  - dense: {units: 4}\n');
      for (const args of [
        ['explain', file],
        ['check', file, 'nope\u001b[2J.yaml'],
      ]) {
        const run = await netspec(args);
        expectBounded(run);
        expectNoControls(run);
      }
    },
    TEST_TIMEOUT,
  );
});
