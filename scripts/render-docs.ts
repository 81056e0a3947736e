// Renders the lecture's figures shown in the README (docs/diagrams/*.png) with the default slide fit,
// exactly as `netspec diagram` would: `npx tsx scripts/render-docs.ts`. Review every picture before
// committing it; test/render/docs-figures.test.ts checks that the list and the files agree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeFile } from '../src/index.js';
import { renderDiagram, svgToPng, type DiagramOptions } from '../src/render/index.js';

export interface DocFigure {
  /** File name under docs/diagrams (without .png). */
  file: string;
  spec: string;
  /** What the README says under the picture. */
  caption: string;
  options: Omit<DiagramOptions, 'fit'>;
}

export const DOC_FIGURES: DocFigure[] = [
  { file: 'lenet5', spec: 'specs/lenet5.yaml', caption: 'LeNet-5', options: { view: 'stack' } },
  { file: 'alexnet', spec: 'specs/alexnet.yaml', caption: 'AlexNet', options: { view: 'stack' } },
  { file: 'vgg16', spec: 'specs/vgg16.yaml', caption: 'VGG-16', options: { view: 'stack' } },
  { file: 'resnet50-stages', spec: 'specs/resnet50.yaml', caption: 'ResNet-50 by stage (`--depth 0`)', options: { view: 'stack', depth: 1 } },
  {
    file: 'resnet50-bottleneck',
    spec: 'specs/resnet50.yaml',
    caption: 'One ResNet-50 bottleneck with its projection shortcut (`--block conv3.block1`)',
    options: { view: 'stack', block: 'conv3.block1' },
  },
  {
    file: 'inception-module',
    spec: 'specs/inception_v3.yaml',
    caption: 'The Inception module (`--block mixed0`)',
    options: { view: 'stack', block: 'mixed0' },
  },
  {
    file: 'densenet-block',
    spec: 'specs/densenet121.yaml',
    caption: 'A DenseNet-121 dense block (`--block conv2.dense_block`)',
    options: { view: 'stack', block: 'conv2.dense_block' },
  },
  { file: 'unet', spec: 'specs/unet.yaml', caption: 'U-Net as a U', options: { view: 'stack' } },
  { file: 'unet-3d', spec: 'specs/unet_3d.yaml', caption: '3D U-Net', options: { view: 'stack' } },
  { file: 'detector', spec: 'specs/detector.yaml', caption: 'The two-head detector', options: { view: 'stack' } },
  { file: 'unet-graph', spec: 'specs/unet.yaml', caption: 'U-Net in the graph view', options: { view: 'graph' } },
];

/** Slide width in px: the size the figures are judged at. */
export const DOC_WIDTH = 1920;

export async function renderFigure(figure: DocFigure): Promise<Uint8Array> {
  const result = await analyzeFile(resolve(figure.spec), { file: figure.spec });
  if (!result.graph) throw new Error(`${figure.spec}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const svg = await renderDiagram(result.graph, { ...figure.options, fit: '16:9' });
  return svgToPng(svg, { width: DOC_WIDTH });
}

async function main(): Promise<void> {
  const dir = resolve('docs/diagrams');
  mkdirSync(dir, { recursive: true });
  for (const figure of DOC_FIGURES) {
    writeFileSync(resolve(dir, `${figure.file}.png`), await renderFigure(figure));
    console.log(`docs/diagrams/${figure.file}.png  ${figure.caption}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('scripts/render-docs.ts')) await main();
