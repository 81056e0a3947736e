// The README's pictures: every figure scripts/render-docs.ts makes is committed under docs/diagrams,
// is a 16:9 slide at 1,920 px, and is shown in the README's Diagrams section.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_FIGURES, DOC_WIDTH } from '../../scripts/render-docs.js';

const readme = readFileSync('README.md', 'utf8');
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

describe('docs/diagrams', () => {
  it.each(DOC_FIGURES.map((f) => [f.file, f] as const))('%s: committed, 16:9 at slide width, in the README', (file) => {
    const path = `docs/diagrams/${file}.png`;
    expect(existsSync(path)).toBe(true);
    const { width, height } = pngSize(readFileSync(path));
    expect(width).toBe(DOC_WIDTH);
    expect(Math.abs(width / height - 16 / 9)).toBeLessThan(0.01);
    expect(readme).toContain(`(${path})`);
  });

  it('covers the lecture: LeNet-5, AlexNet, VGG-16, ResNet-50, a bottleneck, Inception, DenseNet, U-Net, 3D U-Net, the detector (and U-Net in the graph view)', () => {
    expect(DOC_FIGURES.map((f) => f.file)).toEqual([
      'lenet5',
      'alexnet',
      'vgg16',
      'resnet50-stages',
      'resnet50-bottleneck',
      'inception-module',
      'densenet-block',
      'unet',
      'unet-3d',
      'detector',
      'unet-graph',
    ]);
  });
});
