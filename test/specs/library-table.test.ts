// The README's library table (scripts/library-table.ts): how a description becomes a table cell,
// how the README block is replaced, and that README.md's block matches the specs when it has one.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeLibrary,
  currentBlock,
  END_MARKER,
  firstSentence,
  headline,
  libraryTable,
  replaceBlock,
  START_MARKER,
  weightedDepth,
} from '../../scripts/library-table.js';

const root = join(import.meta.dirname, '../..');

describe('description → table cell', () => {
  it.each([
    ['One sentence.', 'One sentence.'],
    ['First. Second.', 'First.'],
    ['No full stop', 'No full stop'],
    ['ResNet (He et al. 2015), a net. More.', 'ResNet (He et al. 2015), a net.'],
    ['X (see Fig. 2. Really.) and Y. Z.', 'X (see Fig. 2. Really.) and Y.'],
    ['A "quoted. title" here. Next.', 'A "quoted. title" here.'],
    ['Pools, e.g. max pools, then dense. Next.', 'Pools, e.g. max pools, then dense.'],
    ['Version 1.5 of it. Next.', 'Version 1.5 of it.'],
    ['Wrapped\n  over   lines. Next.', 'Wrapped over lines.'],
  ])('firstSentence(%j) = %j', (text, sentence) => {
    expect(firstSentence(text)).toBe(sentence);
  });

  it.each([
    ['VGG-16 (Simonyan 2014), mirroring X: five blocks. More.', 'VGG-16 (Simonyan 2014), mirroring X'],
    ['U-Net ("U-Net: Convolutional Networks") as Keras builds it: a path.', 'U-Net ("U-Net: Convolutional Networks") as Keras builds it'],
    ['Plain sentence. Then: a colon.', 'Plain sentence.'],
  ])('headline(%j) = %j', (text, cell) => {
    expect(headline(text)).toBe(cell);
  });
});

describe('README block', () => {
  const readme = `intro\n${START_MARKER}\nold table\n${END_MARKER}\noutro\n`;

  it('replaces only what lies between the markers', () => {
    expect(replaceBlock(readme, 'new | table')).toBe(`intro\n${START_MARKER}\nnew | table\n${END_MARKER}\noutro\n`);
    expect(currentBlock(replaceBlock(readme, 'new | table')!)).toBe('new | table');
  });

  it.each([['no markers'], [`${END_MARKER} before ${START_MARKER}`], [`only ${START_MARKER}`]])('leaves a README with %s alone', (text) => {
    expect(replaceBlock(text, 'table')).toBeUndefined();
    expect(currentBlock(text)).toBeUndefined();
  });
});

describe('the library table', () => {
  const rows = analyzeLibrary(root);

  it('has one row per spec, in the library order, LeNet-5 first', () => {
    const table = libraryTable(rows)
      .split('\n')
      .filter((line) => line.startsWith('| ['));
    expect(table).toHaveLength(rows.length);
    expect(table[0]).toMatch(/^\| \[lenet5\]\(specs\/lenet5\.yaml\) \| LeNet-5 .* \| 32×32×1 \| 61,706 \| 61,706 \| 417K \| 5 \|$/);
  });

  it.each([
    ['lenet5.yaml', 5],
    ['alexnet.yaml', 8],
    ['vgg16.yaml', 16],
    ['vgg19.yaml', 19],
    ['resnet50.yaml', 54],
  ])('depth of %s is %i (convolution and dense layers)', (file, depth) => {
    const row = rows.find((r) => r.file === file);
    expect(row?.result.graph && weightedDepth(row.result.graph)).toBe(depth);
  });

  const readmePath = join(root, 'README.md');
  const block = existsSync(readmePath) ? currentBlock(readFileSync(readmePath, 'utf8')) : undefined;
  it.runIf(block !== undefined)('is what README.md shows (else run: npx tsx scripts/library-table.ts --write)', () => {
    expect(block).toBe(libraryTable(rows));
  });
});
