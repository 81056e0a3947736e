// A real install, as a student does it from a homework folder: pack the project (the prepack hook
// builds dist/), install the tarball into an empty folder from the npm registry, and run the
// installed `netspec` there. Slow (a build and a registry install): `npm test` runs it,
// `npm run test:quick` does not.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChild, runChildOrThrow, type ChildRun } from '../run-child.js';

const root = join(import.meta.dirname, '../..');
/** What the build and the tarball need; copied so packing never rebuilds this checkout's dist/. */
const PROJECT_FILES = ['package.json', 'tsconfig.json', 'README.md', 'bin', 'src', 'scripts', 'specs', 'examples', 'schemas'];

let work: string;
let homework: string;
let install: ChildRun;

function netspec(args: string[]): Promise<ChildRun> {
  return runChild(join(homework, 'node_modules/.bin/netspec'), args, { cwd: homework, timeout: 120_000 });
}

// Every child here is asynchronous: `npm pack` runs a full build, and a synchronous call would
// block the test worker for its whole duration.
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'netspec-install-'));
  const project = join(work, 'project');
  for (const entry of PROJECT_FILES) cpSync(join(root, entry), join(project, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  const packs = join(work, 'packs');
  mkdirSync(packs);
  await runChildOrThrow('npm', ['pack', '--pack-destination', packs], { cwd: project, timeout: 300_000 });
  const [tarball] = readdirSync(packs);
  // The README's command, in an empty homework folder.
  homework = join(work, 'homework');
  mkdirSync(homework);
  const run = await runChild('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', join(packs, tarball!)], { cwd: homework, timeout: 240_000 });
  if (run.status !== 0) throw new Error(`npm install of the tarball failed:\n${run.stderr}`);
  install = run;
  writeFileSync(
    join(homework, 'setting-b.yaml'),
    [
      'input: [64, 64, 1]',
      'layers:',
      "  - Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 2), padding='valid')",
      '  - conv2d: {filters: 8, kernel_size: 3, strides: [1, 2]}',
      'expect: {params: 2632}',
      '',
    ].join('\n'),
  );
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack → npm install <tarball> in an empty folder', () => {
  it('installs quietly: no install-scripts or deprecation warnings', () => {
    expect(install.stderr).not.toMatch(/warn/i);
  });

  it('ships the built CLI and no scripts that would need dev dependencies', async () => {
    const pkg = join(homework, 'node_modules/netspec');
    expect(existsSync(join(pkg, 'dist/bin/main.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/web/index.html'))).toBe(true);
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    expect(existsSync(join(pkg, 'test'))).toBe(false);
    const manifest = JSON.parse(await runChildOrThrow('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: pkg })) as { scripts?: unknown };
    expect(manifest.scripts).toBeUndefined();
  });

  it('runs `netspec summary` on a spec in the homework folder (Setting B: 2,632 parameters)', async () => {
    const run = await netspec(['summary', 'setting-b.yaml']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('(None, 62, 31, 32)');
    expect(run.stdout).toContain('Total params: 2,632');
  }, 120_000);

  it('runs `npx netspec` from the homework folder without asking the registry', async () => {
    const run = await runChild('npx', ['--no-install', 'netspec', 'check', 'setting-b.yaml'], { cwd: homework, timeout: 120_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok setting-b\.yaml: 3 layers, 2,632 params/);
  }, 120_000);

  it('compiles with TensorFlow.js and draws a PNG from the installed package', async () => {
    const compiled = await netspec(['compile', 'setting-b.yaml', '-o', 'model']);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(compiled.stderr).toBe('');
    expect(existsSync(join(homework, 'model/model.json'))).toBe(true);
    const drawn = await netspec(['diagram', 'setting-b.yaml', '-o', 'setting-b.png']);
    expect(drawn.status, drawn.stderr).toBe(0);
    expect(existsSync(join(homework, 'setting-b.png'))).toBe(true);
  }, 240_000);
});
