// Issue 13 item 5: a diagram of a spec whose `expect:` fails marks the mismatch in the picture — a
// red outline and badge on the step's box, the model's own mismatch in red after the title — in
// both views, and the command still exits 1. Figures from the lecture's Setting B (320 + 2,312 =
// 2,632 parameters).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMParser } from 'linkedom';
import { runCli } from '../cli/run-cli.js';
import { TITLE_HEIGHT } from '../../src/render/svg.js';

/** The title's baseline region ends here (svg.ts draws the title inside TITLE_HEIGHT). */
const TITLE_BOTTOM = TITLE_HEIGHT;

const SPEC = [
  'name: setting_b',
  'input: [64, 64, 1]',
  'layers:',
  "  - Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 2), padding='valid')",
  '  - conv2d: {filters: 8, kernel_size: 3, strides: [1, 2]}',
  '    expect: {params: 2000}',
  'expect: {params: 2600}',
  '',
].join('\n');

/** The text of every element of class `mismatch` in the SVG, in order. */
function mismatchTexts(svg: string): string[] {
  return [...svg.matchAll(/<(?:g|tspan)[^>]*class="mismatch"[^>]*>(.*?)<\/(?:g|tspan)>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe.each(['graph', 'stack'])('diagram --view %s of a spec with failed expect:s', (view) => {
  it('marks the step box and the title, and exits 1', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-mismatch-')), 'b.svg');
    const run = await runCli(['diagram', '-', '-o', out, '--view', view], { stdin: SPEC });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("expected params 2,000, but step 'conv2d_1' has 2,312");
    const svg = readFileSync(out, 'utf8');
    expect(mismatchTexts(svg)).toEqual(['   ✗ expected params 2,600, got 2,632', '✗ expected params 2,000, got 2,312']);
    // The badge belongs to the failing step's box: it follows that box and no other is marked.
    const step = svg.indexOf('data-id="conv2d_1"');
    const badge = svg.indexOf('✗ expected params 2,000');
    expect(step).toBeGreaterThan(0);
    expect(badge).toBeGreaterThan(step);
    expect(svg.match(/stroke="#d62728"/g)).toHaveLength(1);
    // The badge sits above its box but below the title line (it once covered the title's text).
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const body = doc.querySelector('g.diagram')!;
    const bodyTop = Number(/translate\([-\d.]+,([-\d.]+)\)/.exec(body.getAttribute('transform') ?? '')![1]);
    const badgeRect = [...body.querySelectorAll('g.mismatch rect')].find((r) => r.getAttribute('fill') === '#d62728')!;
    const badgeTop = Number(badgeRect.getAttribute('y'));
    expect(bodyTop + badgeTop).toBeGreaterThanOrEqual(TITLE_BOTTOM);
  });
});

it('a spec whose expect:s hold draws no mark', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'netspec-mismatch-')), 'ok.svg');
  const run = await runCli(['diagram', '-', '-o', out], { stdin: SPEC.replace('2000', '2312').replace('2600', '2632') });
  expect(run.code).toBe(0);
  expect(readFileSync(out, 'utf8')).not.toMatch(/mismatch|✗/);
});
