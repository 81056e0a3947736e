// The Keras code `compile --emit keras` writes, read as text (no Python here: `npm run test:keras`
// runs every spec's emitted code in real Keras). Idioms: blocks as functions with the differing
// arguments as parameters, runs as loops, one object for a shared layer, only non-default arguments.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitKeras } from '../../src/compile/emit-keras.js';
import { analyzeFile, analyzeText } from '../../src/index.js';

const repo = join(import.meta.dirname, '../..');
const emit = (text: string): string => {
  const result = analyzeText(text);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return emitKeras(result.graph!);
};

describe('emitKeras', () => {
  it("unpacks a layer's several outputs as Python does and passes initial states by keyword", () => {
    const source = emit(
      "inputs: {enc_in: [10, 3], dec_in: [7, 4]}\nlayers:\n  - {lstm: {units: 8, return_state: true}, name: enc, inputs: [enc_in]}\n  - {lstm: {units: 8, return_sequences: true}, name: dec, inputs: [dec_in, 'enc[1]', 'enc[2]']}\n  - {bidirectional: {layer: 'GRU(6)', merge_mode: null}, name: bi, inputs: [enc_in]}\n  - {concatenate: {}, inputs: [bi], name: concatenate}\noutputs: [dec, 'enc[2]', concatenate]\n",
    );
    expect(source).toContain('    enc, enc_state_h, enc_state_c = layers.LSTM(8, return_state=True, name="enc")(enc_in)\n');
    expect(source).toContain('    dec = layers.LSTM(8, return_sequences=True, name="dec")(dec_in, initial_state=[enc_state_h, enc_state_c])\n');
    expect(source).toContain('    bi_forward, bi_backward = layers.Bidirectional(layers.GRU(6), merge_mode=None, name="bi")(enc_in)\n');
    expect(source).toContain('layers.Concatenate(name="concatenate")([bi_forward, bi_backward])');
    expect(source).toContain('outputs=[dec, enc_state_c, concatenate]');
  });

  it('writes a module with build_model() and a summary when run', () => {
    const source = emit('name: tiny\ninput: [28, 28, 1]\nlayers:\n  - Conv2D(8, 3, strides=(1, 2))\n  - flatten\n  - Dense(10, activation="softmax")\n');
    expect(source).toContain('import keras\nfrom keras import layers\n');
    expect(source).toContain('    input_layer = keras.Input(shape=(28, 28, 1), name="input_layer")\n');
    expect(source).toContain('    x = layers.Conv2D(8, 3, strides=(1, 2), name="conv2d")(input_layer)\n');
    expect(source).toContain('    x = layers.Flatten(name="flatten")(x)\n');
    expect(source).toContain('    dense = layers.Dense(10, activation="softmax", name="dense")(x)\n');
    expect(source).toContain('    return keras.Model(inputs=input_layer, outputs=dense, name="tiny")\n');
    expect(source).toMatch(/if __name__ == "__main__":\n {4}build_model\(\)\.summary\(\)\n$/);
  });

  it('leaves out what Keras defaults to, also where a default follows another argument', () => {
    const source = emit(
      'input: [32, 32, 3]\nlayers:\n  - MaxPooling2D(3, strides=3)\n  - relu\n  - MaxPooling2D(2, strides=1)\n  - BatchNormalization(epsilon=0.001)\n  - MaxPooling2D(2, strides=2)\n',
    );
    expect(source).toContain('layers.MaxPooling2D(pool_size=3, name="max_pooling2d")');
    expect(source).toContain('layers.MaxPooling2D(strides=1, name="max_pooling2d_1")');
    expect(source).toContain('layers.BatchNormalization(name="batch_normalization")');
    expect(source).toContain('layers.MaxPooling2D(name="max_pooling2d_2")');
  });

  it("writes ResNet-50's blocks as functions, their arguments as parameters, and repeats as loops", () => {
    const source = emitKeras(analyzeFile(join(repo, 'specs/resnet50.yaml')).graph!);
    expect(source).toContain('def bottleneck(x, name, filters, strides, residual_conv3_filters):');
    expect(source).toContain('    residual_conv1 = layers.Conv2D(filters, 1, strides=strides, name=f"{name}.residual.conv1")(x)');
    expect(source).toContain('    x = bottleneck(x, "conv3.block1", 128, 2, 512)');
    expect(source).toContain(['    for block_name, filters, residual_conv3_filters in (', '        ("conv4.block2", 256, 1024),'].join('\n'));
    expect(source).toContain('        x = bottleneck_2(x, block_name, filters, residual_conv3_filters)');
    expect(source.split('\n').length).toBeLessThan(120);
  });

  it("keeps a function's parameters in the loops inside it (VGG's blocks)", () => {
    const source = emitKeras(analyzeFile(join(repo, 'specs/vgg16.yaml')).graph!);
    expect(source).toContain(
      [
        'def vgg_block(x, name, filters):',
        '    for layer_name in (f"{name}.conv1", f"{name}.conv2"):',
        '        x = layers.Conv2D(filters, 3, padding="same", activation="relu", name=layer_name)(x)',
      ].join('\n'),
    );
  });

  it('loops over a run of equal layers', () => {
    const source = emit('input: [8]\nlayers:\n  - {dense: {units: 8, activation: relu}, repeat: 3}\n');
    expect(source).toContain('    for layer_name in ("dense", "dense_1", "dense_2"):\n        x = layers.Dense(8, activation="relu", name=layer_name)(x)\n');
  });

  it('makes a shared layer once and calls the object on each input', () => {
    const source = emitKeras(analyzeFile(join(repo, 'test/fixtures/shared/two-views.yaml')).graph!);
    expect(source).toContain('    layer_big_head = layers.Dense(4, name="big_head")\n    big_head = layer_big_head(big_features_global_average_pooling2d)\n');
    expect(source).toContain('    x = layer_big_head(small_features_global_average_pooling2d)\n');
    expect(source.match(/layers\.Dense\(/g)).toHaveLength(1);
  });

  it("keeps a tensor that a later step needs out of the flowing x (a residual's shortcut)", () => {
    const source = emit('input: [8, 8, 4]\nlayers:\n  - residual: {body: [Conv2D(4, 3, padding="same"), relu], activation: relu}\n');
    expect(source).toContain('    x = layers.Conv2D(4, 3, padding="same", name="residual.conv2d")(input_layer)');
    expect(source).toContain('    x = layers.Add(name="residual.add")([input_layer, x])');
  });

  it("writes netspec's non-Keras kinds in Keras terms: Filter2D and InceptionResNet's scale", () => {
    const source = emit('input: [16, 16, 2]\nlayers:\n  - {filter2d: {preset: sobel_x}, name: edges}\n  - residual: {body: [Conv2D(2, 1)], scale: 0.17}\n');
    expect(source).toContain('def fixed_kernel(kernel):');
    expect(source).toContain(
      'layers.DepthwiseConv2D((3, 3), strides=(1, 1), padding="valid", use_bias=False, trainable=False, depthwise_initializer=fixed_kernel([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]), name="edges")',
    );
    expect(source).toContain('class CustomScaleLayer(layers.Layer):');
    expect(source).toContain('CustomScaleLayer(0.17, name="residual.custom_scale_layer")');
  });

  it("writes ConvNeXt's LayerScale as the class keras.applications defines", () => {
    const source = emit('input: [7, 7, 8]\nlayers:\n  - LayerScale(1e-6, 8)\n');
    expect(source).toContain('class LayerScale(layers.Layer):');
    expect(source).toContain('LayerScale(0.000001, 8, name="layer_scale")(input_layer)');
  });

  it("writes ViT's class token and position embedding as the small classes keras.io's ViT examples define", () => {
    const source = emit('input: [16, 8]\nlayers:\n  - ClassToken()\n  - AddPositionEmbedding()\n');
    expect(source).toContain('class ClassToken(layers.Layer):');
    expect(source).toContain('class AddPositionEmbedding(layers.Layer):');
    expect(source).toContain('x = ClassToken(name="class_token")(input_layer)');
    expect(source).toContain('AddPositionEmbedding(name="add_position_embedding")(x)');
  });

  it('calls MultiHeadAttention on query and value (self-attention: the same tensor twice); 1D cropping as one pair', () => {
    const source = emit('input: [10, 8]\nlayers:\n  - MultiHeadAttention(2, 4)\n  - Cropping1D((0, 9))\n');
    expect(source).toContain('x = layers.MultiHeadAttention(2, 4, name="multi_head_attention")(input_layer, input_layer)');
    expect(source).toContain('layers.Cropping1D(cropping=(0, 9), name="cropping1d")(x)');
  });

  it('refuses a declared Lambda or custom step, naming it', () => {
    const result = analyzeText("input: [4]\nlayers:\n  - Lambda(output_shape=in_shape, name='double')\n", { file: 'spec.yaml' });
    expect(() => emitKeras(result.graph!)).toThrow(/cannot emit double \(Lambda\) as Keras code/);
  });

  it('marks frozen layers trainable=False and quotes names as Python strings', () => {
    const source = emit('input: [4]\nlayers:\n  - {dense: {units: 2}, trainable: false, name: frozen}\n');
    expect(source).toContain('layers.Dense(2, trainable=False, name="frozen")');
  });
});
