// Hand-built IR graphs for the renderer's tests and benchmark. Shapes and parameter counts are the
// Keras figures for these layers (checked by hand against the formulas in DESIGN.md); the renderer
// only draws them, so small slips here would not hide a rendering bug.
import { totals } from '../../src/ir/graph.js';
import type { IRGraph, IRGroup, IRNode } from '../../src/ir/types.js';
import type { Shape } from '../../src/layers/types.js';

export interface NodeSpec {
  name: string;
  kind: string;
  family: string;
  label?: string;
  /** Defaults to the previous node. */
  inputs?: string[];
  shape: Shape;
  params?: number;
  groupPath?: string[];
}

export type GroupSpec = Pick<IRGroup, 'id' | 'kind'> & { blockName?: string };

export function makeGraph(name: string, specs: NodeSpec[], groupSpecs: GroupSpec[] = []): IRGraph {
  const nodes: IRNode[] = [];
  const shapes = new Map<string, Shape>();
  specs.forEach((spec, index) => {
    const inputs = spec.inputs ?? (index === 0 ? [] : [specs[index - 1]!.name]);
    const params = spec.params ?? 0;
    nodes.push({
      index,
      name: spec.name,
      kind: spec.kind,
      args: {},
      inputs,
      inputShapes: inputs.map((input) => shapes.get(input)!),
      outputShape: spec.shape,
      params: { trainable: spec.kind === 'BatchNormalization' ? params / 2 : params, nonTrainable: spec.kind === 'BatchNormalization' ? params / 2 : 0 },
      macs: 0,
      outputSize: spec.shape.reduce<number>((a, d) => a * (d ?? 0), 1),
      receptiveField: null,
      trainable: true,
      groupPath: spec.groupPath ?? [],
      source: { file: `${name}.yaml` },
      label: spec.label ?? spec.kind,
      family: spec.family,
    });
    shapes.set(spec.name, spec.shape);
  });
  const groups: IRGroup[] = groupSpecs.map((g) => {
    const parts = g.id.split('.');
    const parentId = parts.slice(0, -1).join('.');
    return {
      id: g.id,
      kind: g.kind,
      ...(g.blockName ? { blockName: g.blockName } : {}),
      parent: groupSpecs.some((p) => p.id === parentId) ? parentId : null,
      nodes: nodes.filter((n) => n.groupPath.includes(g.id)).map((n) => n.name),
      source: { file: `${name}.yaml` },
      totals: totals(nodes.filter((n) => n.groupPath.includes(g.id))),
    };
  });
  const total = nodes.reduce((a, n) => a + n.params.trainable + n.params.nonTrainable, 0);
  const last = nodes[nodes.length - 1]!;
  return {
    name,
    file: `${name}.yaml`,
    inputs: nodes.filter((n) => n.kind === 'InputLayer').map((n) => ({ name: n.name, shape: n.outputShape })),
    outputs: [{ name: last.name, shape: last.outputShape }],
    nodes,
    groups,
    totals: { params: total, trainable: total, nonTrainable: 0, macs: 0, weightBytes: total * 4, activationBytes: 0 },
  };
}

const input = (shape: Shape, name = 'input'): NodeSpec => ({ name, kind: 'InputLayer', family: 'input', label: 'Input', shape });
const conv = (name: string, shape: [number, number, number], k: number, cin: number, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  name,
  kind: 'Conv2D',
  family: 'conv',
  label: `Conv2D ${shape[2]} ${k}×${k}`,
  shape,
  params: k * k * cin * shape[2] + shape[2],
  ...extra,
});
const bn = (name: string, shape: Shape, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  name,
  kind: 'BatchNormalization',
  family: 'norm',
  label: 'BatchNorm',
  shape,
  params: 4 * (shape[shape.length - 1] ?? 0),
  ...extra,
});
const relu = (name: string, shape: Shape, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  name,
  kind: 'ReLU',
  family: 'activation',
  label: 'ReLU',
  shape,
  ...extra,
});

/** LeNet-like: the lecture's small CNN. */
export const smallCnn = makeGraph('small-cnn', [
  input([28, 28, 1]),
  conv('conv2d', [26, 26, 32], 3, 1),
  { name: 'max_pooling2d', kind: 'MaxPooling2D', family: 'pool', label: 'MaxPool 2×2', shape: [13, 13, 32] },
  conv('conv2d_1', [11, 11, 64], 3, 32),
  { name: 'max_pooling2d_1', kind: 'MaxPooling2D', family: 'pool', label: 'MaxPool 2×2', shape: [5, 5, 64] },
  { name: 'flatten', kind: 'Flatten', family: 'reshape', label: 'Flatten', shape: [1600] },
  { name: 'dense', kind: 'Dense', family: 'dense', label: 'Dense 128 relu', shape: [128], params: 1600 * 128 + 128 },
  { name: 'dropout', kind: 'Dropout', family: 'regularization', label: 'Dropout 0.5', shape: [128] },
  { name: 'dense_1', kind: 'Dense', family: 'dense', label: 'Dense 10 softmax', shape: [10], params: 1290 },
]);

/** One basic residual block with an identity shortcut. */
export const residual = makeGraph(
  'residual',
  [
    input([32, 32, 64]),
    conv('stem', [32, 32, 64], 3, 64),
    conv('res.conv2d', [32, 32, 64], 3, 64, { groupPath: ['res'] }),
    bn('res.batch_normalization', [32, 32, 64], { groupPath: ['res'] }),
    relu('res.re_lu', [32, 32, 64], { groupPath: ['res'] }),
    conv('res.conv2d_1', [32, 32, 64], 3, 64, { groupPath: ['res'] }),
    bn('res.batch_normalization_1', [32, 32, 64], { groupPath: ['res'] }),
    { name: 'res.add', kind: 'Add', family: 'merge', label: 'Add', shape: [32, 32, 64], inputs: ['res.batch_normalization_1', 'stem'], groupPath: ['res'] },
    relu('res.re_lu_1', [32, 32, 64], { groupPath: ['res'] }),
    { name: 'gap', kind: 'GlobalAveragePooling2D', family: 'pool', label: 'GlobalAvgPool', shape: [64] },
    { name: 'dense', kind: 'Dense', family: 'dense', label: 'Dense 10', shape: [10], params: 650 },
  ],
  [{ id: 'res', kind: 'residual' }],
);

/** GoogLeNet's inception (3a) on 28×28×192. */
export const inception = makeGraph(
  'inception',
  [
    input([28, 28, 192]),
    conv('inc.b0.conv2d', [28, 28, 64], 1, 192, { groupPath: ['inc'], inputs: ['input'] }),
    conv('inc.b1.conv2d', [28, 28, 96], 1, 192, { groupPath: ['inc'], inputs: ['input'] }),
    conv('inc.b1.conv2d_1', [28, 28, 128], 3, 96, { groupPath: ['inc'] }),
    conv('inc.b2.conv2d', [28, 28, 16], 1, 192, { groupPath: ['inc'], inputs: ['input'] }),
    conv('inc.b2.conv2d_1', [28, 28, 32], 5, 16, { groupPath: ['inc'] }),
    {
      name: 'inc.b3.max_pooling2d',
      kind: 'MaxPooling2D',
      family: 'pool',
      label: 'MaxPool 3×3 /1',
      shape: [28, 28, 192],
      inputs: ['input'],
      groupPath: ['inc'],
    },
    conv('inc.b3.conv2d', [28, 28, 32], 1, 192, { groupPath: ['inc'] }),
    {
      name: 'inc.concatenate',
      kind: 'Concatenate',
      family: 'merge',
      label: 'Concatenate',
      shape: [28, 28, 256],
      inputs: ['inc.b0.conv2d', 'inc.b1.conv2d_1', 'inc.b2.conv2d_1', 'inc.b3.conv2d'],
      groupPath: ['inc'],
    },
  ],
  [{ id: 'inc', kind: 'inception' }],
);

/** A small U-Net: two encoder levels, a bottleneck, two decoder levels with concatenated skips. */
export const unet = makeGraph('unet', [
  input([128, 128, 1]),
  conv('enc1', [128, 128, 32], 3, 1),
  { name: 'pool1', kind: 'MaxPooling2D', family: 'pool', label: 'MaxPool 2×2', shape: [64, 64, 32] },
  conv('enc2', [64, 64, 64], 3, 32),
  { name: 'pool2', kind: 'MaxPooling2D', family: 'pool', label: 'MaxPool 2×2', shape: [32, 32, 64] },
  conv('bottleneck', [32, 32, 128], 3, 64),
  { name: 'up2', kind: 'UpSampling2D', family: 'reshape', label: 'UpSample 2×', shape: [64, 64, 128] },
  { name: 'cat2', kind: 'Concatenate', family: 'merge', label: 'Concatenate', shape: [64, 64, 192], inputs: ['up2', 'enc2'] },
  conv('dec2', [64, 64, 64], 3, 192),
  { name: 'up1', kind: 'UpSampling2D', family: 'reshape', label: 'UpSample 2×', shape: [128, 128, 64] },
  { name: 'cat1', kind: 'Concatenate', family: 'merge', label: 'Concatenate', shape: [128, 128, 96], inputs: ['up1', 'enc1'] },
  conv('dec1', [128, 128, 32], 3, 96),
  conv('head', [128, 128, 1], 1, 32, { label: 'Conv2D 1 1×1 sigmoid' }),
]);

/** A volumetric classifier: Conv3D outputs are 4-D. */
export const conv3d = makeGraph('conv3d', [
  input([32, 64, 64, 1]),
  { name: 'conv3d', kind: 'Conv3D', family: 'conv', label: 'Conv3D 16 3×3×3', shape: [30, 62, 62, 16], params: 27 * 16 + 16 },
  { name: 'max_pooling3d', kind: 'MaxPooling3D', family: 'pool', label: 'MaxPool 2×2×2', shape: [15, 31, 31, 16] },
  { name: 'conv3d_1', kind: 'Conv3D', family: 'conv', label: 'Conv3D 32 3×3×3', shape: [13, 29, 29, 32], params: 27 * 16 * 32 + 32 },
  { name: 'gap', kind: 'GlobalAveragePooling3D', family: 'pool', label: 'GlobalAvgPool', shape: [32] },
  { name: 'dense', kind: 'Dense', family: 'dense', label: 'Dense 2 softmax', shape: [2], params: 66 },
]);

/** A chain of `length` nodes (conv / batchnorm / relu repeated) with an unknown spatial size. */
export function chain(length: number): IRGraph {
  const specs: NodeSpec[] = [input([null, null, 3])];
  for (let i = 1; i < length; i++) {
    const shape: Shape = [null, null, 16 * (1 + Math.floor(i / 12))];
    const step = i % 3;
    specs.push(step === 1 ? conv(`conv2d_${i}`, shape as [number, number, number], 3, 16) : step === 2 ? bn(`bn_${i}`, shape) : relu(`relu_${i}`, shape));
  }
  return makeGraph(`chain-${length}`, specs);
}

/**
 * A ResNet of bottleneck blocks (ResNet-152: [3, 8, 36, 3]) as the expander builds it: each block is a
 * user-block group holding a residual group; the first block of a stage projects its shortcut.
 */
export function resnet(stages: number[] = [3, 8, 36, 3]): IRGraph {
  const specs: NodeSpec[] = [input([224, 224, 3])];
  const groups: GroupSpec[] = [];
  specs.push(conv('conv1', [112, 112, 64], 7, 3, { label: 'Conv2D 64 7×7 /2' }), bn('bn1', [112, 112, 64]), relu('relu1', [112, 112, 64]));
  specs.push({ name: 'pool1', kind: 'MaxPooling2D', family: 'pool', label: 'MaxPool 3×3 /2', shape: [56, 56, 64] });
  let size = 56;
  let channels = 64;
  stages.forEach((blocks, stage) => {
    const width = 64 * 2 ** stage;
    for (let b = 0; b < blocks; b++) {
      const block = `stage${stage + 1}.bottleneck${b === 0 ? '' : `_${b}`}`;
      const res = `${block}.residual`;
      const path = [block, res];
      groups.push({ id: block, kind: 'block', blockName: 'bottleneck' }, { id: res, kind: 'residual' });
      const blockInput = specs[specs.length - 1]!.name;
      if (b === 0 && stage > 0) size /= 2;
      const out = 4 * width;
      specs.push(
        conv(`${res}.conv2d`, [size, size, width], 1, channels, { groupPath: path, inputs: [blockInput] }),
        bn(`${res}.bn`, [size, size, width], { groupPath: path }),
        relu(`${res}.relu`, [size, size, width], { groupPath: path }),
        conv(`${res}.conv2d_1`, [size, size, width], 3, width, { groupPath: path }),
        bn(`${res}.bn_1`, [size, size, width], { groupPath: path }),
        relu(`${res}.relu_1`, [size, size, width], { groupPath: path }),
        conv(`${res}.conv2d_2`, [size, size, out], 1, width, { groupPath: path }),
        bn(`${res}.bn_2`, [size, size, out], { groupPath: path }),
      );
      let shortcut = blockInput;
      if (b === 0) {
        specs.push(
          conv(`${res}.conv2d_3`, [size, size, out], 1, channels, { groupPath: path, inputs: [blockInput] }),
          bn(`${res}.bn_3`, [size, size, out], { groupPath: path }),
        );
        shortcut = `${res}.bn_3`;
      }
      specs.push(
        { name: `${res}.add`, kind: 'Add', family: 'merge', label: 'Add', shape: [size, size, out], inputs: [`${res}.bn_2`, shortcut], groupPath: path },
        relu(`${res}.relu_2`, [size, size, out], { groupPath: path }),
      );
      channels = out;
    }
  });
  specs.push(
    { name: 'avg_pool', kind: 'GlobalAveragePooling2D', family: 'pool', label: 'GlobalAvgPool', shape: [channels] },
    { name: 'predictions', kind: 'Dense', family: 'dense', label: 'Dense 1000 softmax', shape: [1000], params: channels * 1000 + 1000 },
  );
  return makeGraph(`resnet-${stages.reduce((a, b) => a + b, 0) * 3 + 2}`, specs, groups);
}

/** A DenseNet block: each layer's output is concatenated onto its input. */
export const denseBlock = makeGraph(
  'dense-block',
  [
    input([32, 32, 64]),
    bn('db.batchnorm', [32, 32, 64], { groupPath: ['db'] }),
    relu('db.relu', [32, 32, 64], { groupPath: ['db'] }),
    conv('db.conv2d', [32, 32, 32], 3, 64, { groupPath: ['db'] }),
    {
      name: 'db.concatenate',
      kind: 'Concatenate',
      family: 'merge',
      label: 'Concatenate',
      shape: [32, 32, 96],
      inputs: ['input', 'db.conv2d'],
      groupPath: ['db'],
    },
    bn('db.batchnorm_1', [32, 32, 96], { groupPath: ['db'] }),
    relu('db.relu_1', [32, 32, 96], { groupPath: ['db'] }),
    conv('db.conv2d_1', [32, 32, 32], 3, 96, { groupPath: ['db'] }),
    {
      name: 'db.concatenate_1',
      kind: 'Concatenate',
      family: 'merge',
      label: 'Concatenate',
      shape: [32, 32, 128],
      inputs: ['db.concatenate', 'db.conv2d_1'],
      groupPath: ['db'],
    },
  ],
  [{ id: 'db', kind: 'dense_block' }],
);
