// A real install, as a student does it from a homework folder: pack the project (the prepack hook
// builds dist/), install the tarball into an empty folder from the npm registry, and run the
// installed `netspec` there. Slow (a build and a registry install): `npm test` runs it,
// `npm run test:quick` does not.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** What the build and the tarball need; copied so packing never rebuilds this checkout's dist/. */
const PROJECT_FILES = ['package.json', 'tsconfig.json', 'README.md', 'bin', 'src', 'scripts', 'specs', 'examples', 'schemas'];

let work: string;
let homework: string;
let install: { stdout: string; stderr: string };

function netspec(args: string[]) {
  return spawnSync(join(homework, 'node_modules/.bin/netspec'), args, { cwd: homework, encoding: 'utf8', timeout: 120_000 });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'netspec-install-'));
  const project = join(work, 'project');
  for (const entry of PROJECT_FILES) cpSync(join(root, entry), join(project, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  const packs = join(work, 'packs');
  mkdirSync(packs);
  execFileSync('npm', ['pack', '--pack-destination', packs], { cwd: project, stdio: 'pipe' });
  const [tarball] = readdirSync(packs);
  // The README's command, in an empty homework folder.
  homework = join(work, 'homework');
  mkdirSync(homework);
  const run = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', join(packs, tarball!)], { cwd: homework, encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) throw new Error(`npm install of the tarball failed:\n${run.stderr}`);
  install = run;
  writeFileSync(join(homework, 'setting-b.yaml'), ['input: [64, 64, 1]', 'layers:', "  - Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 2), padding='valid')", '  - conv2d: {filters: 8, kernel_size: 3, strides: [1, 2]}', 'expect: {params: 2632}', ''].join('\n'));
}, 420_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack → npm install <tarball> in an empty folder', () => {
  it('installs quietly: no install-scripts or deprecation warnings', () => {
    expect(install.stderr).not.toMatch(/warn/i);
  });

  it('ships the built CLI and no scripts that would need dev dependencies', () => {
    const pkg = join(homework, 'node_modules/netspec');
    expect(existsSync(join(pkg, 'dist/bin/main.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/web/index.html'))).toBe(true);
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    expect(existsSync(join(pkg, 'test'))).toBe(false);
    const manifest = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: pkg, encoding: 'utf8' })) as { scripts?: unknown };
    expect(manifest.scripts).toBeUndefined();
  });

  it('runs `netspec summary` on a spec in the homework folder (Setting B: 2,632 parameters)', () => {
    const run = netspec(['summary', 'setting-b.yaml']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('(None, 62, 31, 32)');
    expect(run.stdout).toContain('Total params: 2,632');
  });

  it('runs `npx netspec` from the homework folder without asking the registry', () => {
    const run = spawnSync('npx', ['--no-install', 'netspec', 'check', 'setting-b.yaml'], { cwd: homework, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok setting-b\.yaml: 3 layers, 2,632 params/);
  });

  it('compiles with TensorFlow.js and draws a PNG from the installed package', () => {
    const compiled = netspec(['compile', 'setting-b.yaml', '-o', 'model']);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(compiled.stderr).toBe('');
    expect(existsSync(join(homework, 'model/model.json'))).toBe(true);
    const drawn = netspec(['diagram', 'setting-b.yaml', '-o', 'setting-b.png']);
    expect(drawn.status, drawn.stderr).toBe(0);
    expect(existsSync(join(homework, 'setting-b.png'))).toBe(true);
  });
});
