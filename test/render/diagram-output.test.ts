// `netspec diagram` as a user sees it: the line saying what it wrote, the 16:9 frame by default,
// `--fit none`, `--depth N` meaning what `summary --depth N` means, and the vector PDF.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { command } from '../../src/cli/commands/diagram.js';
import { analyzeFile } from '../../src/index.js';
import { summaryRows } from '../../src/report/rows.js';
import { parseSvg, viewBox } from './inspect.js';
import { pdfPageSize, pdfStrings } from './pdf-text.js';

function io(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, cwd, readStdin: async () => '', out, err };
}

const RESNET_MINI = join(process.cwd(), 'test/render/specs/resnet-mini.yaml');

async function draw(values: Record<string, string | boolean>, spec = RESNET_MINI) {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-diagram-'));
  const out = io(dir);
  const code = await command.run({ view: 'graph', theme: 'light', fit: '16:9', ...values }, [spec], out);
  return { code, dir, out: out.out.join(''), err: out.err.join('') };
}

describe('netspec diagram output', () => {
  it('fits a 16:9 frame by default and says what it wrote', async () => {
    const { code, dir, out } = await draw({ output: 'r.svg' });
    expect(code).toBe(0);
    const box = viewBox(parseSvg(readFileSync(join(dir, 'r.svg'), 'utf8')));
    expect(box.width / box.height).toBeCloseTo(16 / 9, 2);
    expect(out).toMatch(
      /^wrote r\.svg: \d+×\d+ px, graph view, (depth \d+|every block open), (top to bottom|left to right)( in \d+ (columns|rows))?, fit 16:9, smallest text \d+(\.\d)? px on a 1,920-px slide\n$/,
    );
  });

  it('a drawing below the 12-px bar never prints as meeting it (Inception-v3 with its modules open, 16:9)', async () => {
    const { out, err } = await draw({ output: 'n.svg', depth: '2' }, join(process.cwd(), 'specs/inception_v3.yaml'));
    expect(err).toContain('does not fit a 16:9 slide with readable text');
    const px = Number(/smallest text ([\d.]+) px/.exec(out)![1]);
    expect(px).toBeLessThan(12);
  });

  it('PNG: the size printed is the PNG’s', async () => {
    const { dir, out } = await draw({ output: 'r.png', fit: '4:3' });
    const png = readFileSync(join(dir, 'r.png'));
    expect(out).toContain(`wrote r.png: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)} px`);
    expect(png.readUInt32BE(16) / png.readUInt32BE(20)).toBeCloseTo(4 / 3, 2);
  });

  it('--fit none draws the natural size, every level open, nothing wrapped', async () => {
    const { dir, out } = await draw({ output: 'r.svg', fit: 'none' });
    const root = parseSvg(readFileSync(join(dir, 'r.svg'), 'utf8'));
    expect(root.querySelectorAll('g.edge-line.wrap').length).toBe(0);
    expect(root.querySelectorAll('g.node.collapsed').length).toBe(0);
    expect(out).toContain('every block open, top to bottom, fit none');
  });

  it.each([0, 1])('--depth %i draws the rows `summary --depth %i` lists', async (depth) => {
    const { dir, out } = await draw({ output: 'r.svg', depth: String(depth) });
    expect(out).toContain(`depth ${depth},`);
    const drawn = [...parseSvg(readFileSync(join(dir, 'r.svg'), 'utf8')).querySelectorAll('g.node')].map((g) => g.getAttribute('data-id'));
    const graph = (await analyzeFile(resolve(RESNET_MINI), { file: RESNET_MINI })).graph!;
    expect(drawn.sort()).toEqual(
      summaryRows(graph, depth)
        .map((r) => r.name)
        .sort(),
    );
  });

  it('writes a vector PDF with the page size of the drawing and its text as text', async () => {
    const { code, dir, out } = await draw({ output: 'r.pdf' });
    expect(code).toBe(0);
    const pdf = readFileSync(join(dir, 'r.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const size = pdfPageSize(pdf);
    expect(size.width / size.height).toBeCloseTo(16 / 9, 2);
    expect(out).toContain(`wrote r.pdf: ${Math.round(size.width)}×${Math.round(size.height)} pt`);
    const text = pdfStrings(pdf).join('');
    for (const expected of ['resnet-mini', '57,354 parameters', 'Conv2D 32 3×3 /2', 'GlobalAvgPool', '16×16×128', 'Convolution'])
      expect(text).toContain(expected);
  });
});

describe('netspec diagram on a very large model', () => {
  // 1,000 repeats of a 4-layer block: 4,002 layers, 1,002 boxes even with every block collapsed.
  const spec = join(mkdtempSync(join(tmpdir(), 'netspec-deep-')), 'deep.yaml');
  writeFileSync(
    spec,
    'name: deep\ninput: [32]\nblocks:\n  unit:\n    layers: [Dense(32), batchnorm, relu, Dropout(0.1)]\nlayers:\n  - unit: {}\n    repeat: 1000\n  - Dense(10)\n',
  );

  it.each([
    [{}, /1002 boxes, more than it lays out for a slide \(400\)\n  help: draw one block with --block NAME/],
    [{ fit: 'none' }, /4002 boxes, more than it lays out \(1500\)\n  help: draw fewer boxes with --depth N/],
  ])('%o: refused up front with what to do instead, nothing written', async (values, message) => {
    const started = Date.now();
    const { code, dir, err } = await draw({ output: 'deep.svg', ...values }, spec);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/internal error|Usage:/);
    expect(existsSync(join(dir, 'deep.svg'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('draws one block of it with --block', async () => {
    const { code, out } = await draw({ output: 'one.svg', block: 'unit_500' }, spec);
    expect(code).toBe(0);
    expect(out).toContain('wrote one.svg');
  });
});
