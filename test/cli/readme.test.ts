// The README is checked against the program: its example commands run (in process), and the figures
// and claims it states are the ones the code gives. Stated figures come from the README text itself
// (the lecture's numbers), so a wrong number in either place fails here.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const README = readFileSync('README.md', 'utf8');
const out = mkdtempSync(join(tmpdir(), 'netspec-readme-'));

/** The ```sh blocks that follow a heading (up to the next heading), or every one. */
function shellBlocks(text: string): string[] {
  return [...text.matchAll(/```sh\n([^]*?)```/g)].map((m) => m[1]!);
}

function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const next = README.indexOf('\n## ', start + heading.length + 2);
  return README.slice(start, next < 0 ? undefined : next);
}

interface Example {
  line: string;
  args: string[];
  comment: string;
}

/** `npx netspec summary x.yaml --depth 1   # comment` → args, with outputs moved into a temp folder and globs expanded. */
function examples(block: string): Example[] {
  return block.split('\n').flatMap((raw) => {
    const [command = '', comment = ''] = raw.split(/\s+#\s+/, 2);
    const at = command.search(/(?:^|&& )(?:npx )?netspec /);
    if (at < 0 || raw.trimStart().startsWith('#')) return [];
    const words = [
      ...command
        .slice(at)
        .replace(/^&& /, '')
        .replace(/^npx /, '')
        .matchAll(/"[^"]*"|'[^']*'|\S+/g),
    ].map((m) => m[0].replace(/^"(.*)"$/, '$1'));
    const args = words.slice(1).flatMap((w, i, all) => {
      if (all[i - 1] === '-o') return [join(out, w.replace(/\//g, '_'))];
      if (w.includes('*')) {
        const [dir, pattern] = [w.slice(0, w.lastIndexOf('/')), w.slice(w.lastIndexOf('/') + 1)];
        const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
        return readdirSync(dir)
          .filter((f) => re.test(f))
          .sort()
          .map((f) => `${dir}/${f}`);
      }
      return [w];
    });
    return [{ line: raw.trim(), args, comment }];
  });
}

const digits = (s: string): string => s.replace(/(\d),(?=\d{3})/g, '$1');

describe('README: Quick start', () => {
  const block = shellBlocks(section('## Quick start'))[0]!;
  const [summary] = examples(block);

  it('runs the summary it shows and prints the figures the text states', async () => {
    expect(summary!.args).toEqual(['summary', 'examples/lecture/setting-b.yaml']);
    const run = await runCli(summary!.args);
    expect(run.code, run.stderr).toBe(0);
    // "62×31×32 with 320 parameters, then 60×15×8 with 2,312, 2,632 in all"
    const stated = /prints the lecture's Setting B:\s+(\d+)×(\d+)×(\d+) with ([\d,]+) parameters, then (\d+)×(\d+)×(\d+) with ([\d,]+), ([\d,]+) in all/.exec(
      section('## Quick start'),
    );
    expect(stated).not.toBeNull();
    const [, h1, w1, c1, p1, h2, w2, c2, p2, total] = stated!;
    expect(run.stdout).toMatch(new RegExp(`conv2d \\(Conv2D\\)\\s+\\(None, ${h1}, ${w1}, ${c1}\\)\\s+${p1}\\b`));
    expect(run.stdout).toMatch(new RegExp(`conv2d_1 \\(Conv2D\\)\\s+\\(None, ${h2}, ${w2}, ${c2}\\)\\s+${p2}\\b`));
    expect(run.stdout).toContain(`Total params: ${total}`);
  });
});

describe('README: the homework folder', () => {
  it('copies a lecture example, checks it (the line the README shows), prints the table and draws the slide', async () => {
    const block = shellBlocks(section('### Using netspec in your homework folder'))[0]!;
    const home = mkdtempSync(join(tmpdir(), 'netspec-homework-'));
    const copy = /^cp node_modules\/netspec\/(\S+) (\S+)$/m.exec(block)!;
    copyFileSync(copy[1]!, join(home, copy[2]!));
    const lines = block.split('\n').filter((l) => l.startsWith('npx netspec '));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const [command = '', comment = ''] = line.split(/\s+#\s+/, 2);
      const run = await runCli(command.trim().split(/\s+/).slice(2), { cwd: home });
      expect(run.code, `${line}\n${run.stderr}`).toBe(0);
      if (comment.startsWith('ok ')) expect(run.stdout.trim()).toBe(comment.trim());
    }
    expect(readdirSync(home).some((f) => f.endsWith('.png'))).toBe(true);
  });
});

describe('README: example commands', () => {
  const commandExamples = shellBlocks(README.slice(0, README.indexOf('## Contents'))).flatMap(examples);
  const runnable = commandExamples.filter(
    (e) => e.args[0] !== 'serve' && e.args.slice(1).every((a) => a.startsWith('-') || a.startsWith(out) || existsSync(a) || !/\.(ya?ml|json|png)$/.test(a)),
  );

  it('covers the commands shown (everything but serve and files of your own)', () => {
    expect(runnable.map((e) => e.args[0])).toEqual(expect.arrayContaining(['summary', 'explain', 'check', 'diagram', 'compile', 'predict']));
  });

  it.each(runnable.map((e) => [e.line, e] as const))(
    '%s',
    async (_line, example) => {
      const run = await runCli(example.args);
      expect(run.code, run.stderr).toBe(0);
      // Figures in the comment (`= 120`, `= 328`) appear in the output.
      for (const [, figure] of example.comment.matchAll(/=\s*([\d,]+)(?![\d·(])/g)) expect(digits(run.stdout)).toContain(digits(figure!));
      for (const arg of example.args.filter((a) => a.startsWith(out))) expect(existsSync(arg), arg).toBe(true);
    },
    120_000,
  );
});

describe('README: stated figures and claims', () => {
  it('the JSON example is what summary --format json prints for Setting B', async () => {
    // "…" stands for layers left out of the example; every layer shown must match by name.
    const stated = JSON.parse(/```json\n([^]*?)```/.exec(section('## Command line'))![1]!) as Record<string, unknown> & { layers: unknown[] };
    const actual = JSON.parse((await runCli(['summary', 'examples/lecture/setting-b.yaml', '--format', 'json'])).stdout) as Record<string, unknown> & {
      layers: { name: string }[];
    };
    const shown = stated.layers.filter((l): l is { name: string } => typeof l === 'object');
    expect(shown.length).toBeGreaterThan(0);
    for (const layer of shown) expect(actual.layers.find((l) => l.name === layer.name)).toEqual(layer);
    expect({ ...actual, layers: [] }).toEqual({ ...stated, layers: [] });
  });

  it('image-kernels: the blur kernel gives 175 (175.375) and the outline kernel −435', async () => {
    const row = README.split('\n').find((l) => l.startsWith('| `image-kernels.yaml`'))!;
    const [, command, blur, unrounded, outline] =
      /`netspec (predict [^`]+)` gives the blur kernel's (\d+) \(([\d.]+) unrounded\); `--set kernel=outline` gives −(\d+)/.exec(row)!;
    const args = command!.split(' ');
    const blurRun = await runCli(args);
    expect(blurRun.code, blurRun.stderr).toBe(0);
    expect(Number(unrounded)).toBeCloseTo(175.375);
    expect(blurRun.stdout).toMatch(new RegExp(`\\b${blur}(\\.375)?\\b`));
    const outlineRun = await runCli([...args, '--set', 'kernel=outline']);
    expect(outlineRun.stdout).toMatch(new RegExp(`-${outline}\\b`));
  });

  it('names every place that imports TensorFlow.js', () => {
    const claim = /TensorFlow\.js is imported by ([^]*?)\./.exec(README)![1]!;
    const importers = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return importers(path);
        const source = e.name.endsWith('.ts') ? readFileSync(path, 'utf8') : '';
        return /^import (?!type)[^;]*'@tensorflow\/tfjs'|import\('@tensorflow\/tfjs'\)/m.test(source) ? [path] : [];
      });
    const files = importers('src');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      if (file.startsWith('src/compile/')) expect(claim).toContain('`compile`');
      else if (file.startsWith('src/serve/web/')) expect(claim).toContain('model export');
      else expect.fail(`${file} imports TensorFlow.js, which the README does not say`);
    }
    expect(claim).toMatch(/never by `summary`, `check` or `explain`/);
  });

  it('custom layers: the module the README names exports registerCustomLayers and registers nothing on import', async () => {
    const named = /`(\w+)\(tf\)` from `netspec\/dist\/(compile\/[\w-]+)\.js`/.exec(README)!;
    const source = readFileSync(`src/${named[2]}.ts`, 'utf8');
    expect(source).toMatch(new RegExp(`export function ${named[1]}\\(tf: Tf\\)`));
    // No top-level registration: every registerClass call sits inside a function.
    expect(source).not.toMatch(/^\s{0,1}tf\.serialization\.registerClass/m);
  });
});
