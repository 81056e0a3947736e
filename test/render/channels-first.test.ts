// A channels_first network is drawn as its channels-last twin (boxes sized by the spatial axes,
// thickness by the channels), while its shape text stays (C, H, W).
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';
import { buildDiagramModel } from '../../src/render/model.js';
import { buildColumns } from '../../src/render/stack-columns.js';

const twin = (format: 'channels_first' | 'channels_last') => {
  const cf = format === 'channels_first';
  return `
name: ${format}
input: ${cf ? '[3, 64, 48]' : '[64, 48, 3]'}
layers:
  - Conv2D(16, 3, padding='same', data_format='${format}')
  - BatchNormalization(axis=${cf ? 1 : -1})
  - relu
  - MaxPooling2D(2, data_format='${format}')
  - Conv2D(32, 3, data_format='${format}')
  - GlobalAveragePooling2D(data_format='${format}')
  - Dense(2)
`;
};

function model(format: 'channels_first' | 'channels_last') {
  const result = analyzeText(twin(format));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return buildDiagramModel(result.graph!);
}

describe('channels_first in diagrams', () => {
  const first = model('channels_first');
  const last = model('channels_last');

  it('draws every box from the channels-last view of its shape', () => {
    expect(first.items.map((i) => i.drawnShape)).toEqual(last.items.map((i) => i.shape));
  });

  it('keeps the shape text as Keras prints it', () => {
    expect(first.items[0]!.shape).toEqual([3, 64, 48]);
    expect(first.items[1]!.shape).toEqual([16, 64, 48]);
  });

  it('gives the stack view the same solids as the twin', () => {
    const solids = (m: ReturnType<typeof buildDiagramModel>) => buildColumns(m).columns.map((c) => c.solid);
    expect(solids(first)).toEqual(solids(last));
  });
});
