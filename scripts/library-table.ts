// The README's table of the spec library, generated from specs/*.yaml.
//   npx tsx scripts/library-table.ts          prints the table
//   npx tsx scripts/library-table.ts --write  also rewrites the block between
//                                             <!-- library:start --> and <!-- library:end --> in README.md
// test/specs/library-table.test.ts fails when the README's block is stale.
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeFile, formatDiagnostic, type AnalyzeResult, type IRGraph } from '../src/index.js';
import { formatCompact, formatCount } from '../src/format/format.js';

export const START_MARKER = '<!-- library:start -->';
export const END_MARKER = '<!-- library:end -->';

/** Issue #3's order: classic, VGG, ResNet, Inception, MobileNet, DenseNet, NASNet, EfficientNet, segmentation, medical. */
const ORDER = [
  'lenet5',
  'alexnet',
  'vgg16',
  'vgg19',
  'resnet50',
  'resnet101',
  'resnet152',
  'resnet50v2',
  'resnet101v2',
  'resnet152v2',
  'inception_v3',
  'inception_resnet_v2',
  'xception',
  'mobilenet',
  'mobilenet_v2',
  'mobilenet_v3_small',
  'mobilenet_v3_large',
  'densenet121',
  'densenet169',
  'densenet201',
  'nasnet_mobile',
  'nasnet_large',
  ...Array.from({ length: 8 }, (_, k) => `efficientnet_b${k}`),
  ...['b0', 'b1', 'b2', 'b3', 's', 'm', 'l'].map((v) => `efficientnet_v2_${v}`),
  ...['tiny', 'small', 'base', 'large', 'xlarge'].map((v) => `convnext_${v}`),
  'unet',
  'ct_3d_classifier',
  'unet_3d',
  'detector',
];

/** Layers with a weight matrix or kernel: convolutions of every sort and dense layers. */
const WEIGHTED_FAMILIES = new Set(['conv', 'dense']);

export interface LibraryRow {
  file: string;
  result: AnalyzeResult;
}

/** Spec files in the library's reading order; specs not in ORDER follow alphabetically. */
export function specFiles(specsDir: string): string[] {
  const rank = (f: string) => {
    const i = ORDER.indexOf(f.replace(/\.yaml$/, ''));
    return i < 0 ? ORDER.length : i;
  };
  return readdirSync(specsDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function analyzeLibrary(root: string): LibraryRow[] {
  return specFiles(join(root, 'specs')).map((file) => ({ file, result: analyzeFile(join(root, 'specs', file)) }));
}

const ABBREVIATION = /\b(al|e\.g|i\.e|cf|vs|Fig|approx)$/;

/** Index of the first character outside parentheses, brackets and quotes for which `stop` holds, or -1. */
function firstTopLevel(text: string, stop: (ch: string, i: number) => boolean): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === '"') quoted = !quoted;
    else if (depth === 0 && !quoted && stop(ch, i)) return i;
  }
  return -1;
}

/** The first sentence: up to the first full stop outside parentheses and quotes that is not an abbreviation. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = firstTopLevel(flat, (ch, i) => ch === '.' && (i === flat.length - 1 || flat[i + 1] === ' ') && !ABBREVIATION.test(flat.slice(0, i)));
  return end < 0 ? flat : flat.slice(0, end + 1);
}

/**
 * What the table shows of a description: its first sentence, cut before a top-level colon — the
 * library's descriptions say what the model is, then `:` and how it is built.
 */
export function headline(description: string): string {
  const sentence = firstSentence(description);
  const colon = firstTopLevel(sentence, (ch) => ch === ':');
  return colon < 0 ? sentence : sentence.slice(0, colon);
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const shapeText = (shape: (number | null)[]): string => shape.map((d) => (d === null ? '?' : String(d))).join('×');

export function weightedDepth(graph: IRGraph): number {
  return graph.nodes.filter((n) => WEIGHTED_FAMILIES.has(n.family) && n.params.trainable + n.params.nonTrainable > 0).length;
}

function row({ file, result }: LibraryRow): string {
  const link = `[${file.replace(/\.yaml$/, '')}](specs/${file})`;
  const graph = result.graph;
  if (!graph) return `| ${link} | does not analyse: run \`netspec check specs/${file}\` | | | | | |`;
  const about = cell(graph.description ? headline(graph.description) : graph.name);
  const input = graph.inputs.map((i) => shapeText(i.shape)).join(', ');
  const t = graph.totals;
  return `| ${link} | ${about} | ${input} | ${formatCount(t.params)} | ${formatCount(t.trainable)} | ${formatCompact(t.macs)} | ${weightedDepth(graph)} |`;
}

export function libraryTable(rows: LibraryRow[]): string {
  return [
    '| Model | Description | Input | Parameters | Trainable | MACs | Depth¹ |',
    '|---|---|---|---:|---:|---:|---:|',
    ...rows.map(row),
    '',
    '¹ Depth counts the layers with a weight kernel — convolutions of every kind (projection shortcuts',
    'included) and dense layers; batch normalization and other layers are not counted. So VGG-16 is 16,',
    'and ResNet-50 is 54 (its 50 plus the four projection shortcuts). MACs are multiply-accumulates for',
    'one sample at the spec’s default input size.',
  ].join('\n');
}

/** README text with the block between the markers replaced by `table`; undefined without both markers. */
export function replaceBlock(readme: string, table: string): string | undefined {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) return undefined;
  return `${readme.slice(0, start + START_MARKER.length)}\n${table}\n${readme.slice(end)}`;
}

/** The README's current block between the markers (without them), or undefined without both markers. */
export function currentBlock(readme: string): string | undefined {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) return undefined;
  return readme
    .slice(start + START_MARKER.length, end)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

function main(args: string[]): number {
  const root = join(import.meta.dirname, '..');
  const rows = analyzeLibrary(root);
  const broken = rows.filter((r) => !r.result.graph || r.result.diagnostics.some((d) => d.severity === 'error'));
  for (const { result } of broken) {
    for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d, result.sources.sourceText(d.file)) + '\n');
  }
  const table = libraryTable(rows);
  process.stdout.write(table + '\n');
  if (!args.includes('--write')) return broken.length > 0 ? 1 : 0;
  if (broken.length > 0) {
    process.stderr.write(`README.md not written: ${broken.length} spec(s) do not analyse cleanly\n`);
    return 1;
  }
  const readmePath = join(root, 'README.md');
  const updated = replaceBlock(readFileSync(readmePath, 'utf8'), table);
  if (updated === undefined) {
    process.stderr.write(`README.md has no ${START_MARKER} … ${END_MARKER} block: printed only\n`);
    return 0;
  }
  writeFileSync(readmePath + '.tmp', updated);
  renameSync(readmePath + '.tmp', readmePath);
  process.stderr.write(`README.md: library table updated (${rows.length} specs)\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
