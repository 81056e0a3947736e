// Presentational simplifications of the graph fit: a frame around the whole network's blocks is
// dropped so the serpentine can cut between them; frames that group some blocks stay.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import { COMFORTABLE_FONT_PX, dissolveSoleContainer, fitGraph } from '../../src/render/graph-fit.js';
import { frameFor, shownFontPx } from '../../src/render/frame.js';
import { buildDiagramModel } from '../../src/render/model.js';

async function model(spec: string, depth: number) {
  const path = join(process.cwd(), spec);
  const result = await analyzeFile(path, { file: path });
  return buildDiagramModel(result.graph!, depth);
}

describe('dissolveSoleContainer', () => {
  it('EfficientNetV2-L: the `stages` block around its seven stages goes, the stages become top-level boxes', async () => {
    const before = await model('specs/efficientnet_v2_l.yaml', 2);
    expect(before.groups.map((g) => g.parent)).toEqual([null]);
    const after = dissolveSoleContainer(before);
    expect(after.groups).toEqual([]);
    expect(after.items.filter((item) => item.type === 'collapsed').map((item) => item.parent)).toEqual(Array(7).fill(null));
    expect(after.edges).toEqual(before.edges);
  });

  it.each([
    ['specs/resnet50.yaml', 2, 'four stage frames'],
    ['specs/efficientnet_b3.yaml', 2, 'seven stage frames'],
  ])('%s at depth %i keeps its frames (%s)', async (spec, depth) => {
    const before = await model(spec, depth);
    expect(dissolveSoleContainer(before)).toBe(before);
  });
});

describe('fitGraph: no wrap once the text is comfortable', () => {
  const fit = async (spec: string) => {
    const path = join(process.cwd(), spec);
    const result = await analyzeFile(path, { file: path });
    return fitGraph(result.graph!, frameFor('16:9'), {});
  };

  it.each(['examples/lecture/setting-b.yaml', 'examples/lecture/conv1d-backprop.yaml', 'examples/sequence/vitals-seq2seq.yaml'])(
    '%s is drawn in one line (a wrap only made its text larger)',
    async (spec) => {
      const fitted = await fit(spec);
      expect(fitted.pieces).toBe(1);
      expect(shownFontPx(fitted.scene, frameFor('16:9'))).toBeGreaterThanOrEqual(COMFORTABLE_FONT_PX);
    },
  );

  it('AlexNet still wraps: in one line its text would be below comfortable', async () => {
    const fitted = await fit('specs/alexnet.yaml');
    expect(fitted.pieces).toBeGreaterThan(1);
  });
});
