// The registry: every kind reachable by its class name, Keras's snake_case name and its aliases,
// without collisions, and without shadowing the activation names that bare steps use.
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../src/layers/activations.js';
import { normalizeArgs } from '../../src/layers/args.js';
import { LAYER_KINDS, lookupKind, snakeCase } from '../../src/layers/registry.js';
import { allKerasRows } from './keras-table.js';

describe('layer registry', () => {
  it("snakeCase is Keras's to_snake_case", () => {
    expect(['Conv2D', 'Conv2DTranspose', 'ReLU', 'PReLU', 'BatchNormalization', 'GlobalAveragePooling2D', 'Filter2D'].map(snakeCase)).toEqual([
      'conv2d',
      'conv2d_transpose',
      're_lu',
      'p_re_lu',
      'batch_normalization',
      'global_average_pooling2d',
      'filter2d',
    ]);
  });

  it('no two kinds share a name', () => {
    const seen = new Map<string, string>();
    for (const kind of LAYER_KINDS) {
      for (const name of new Set([kind.className, snakeCase(kind.className), ...(kind.aliases ?? [])])) {
        expect(seen.get(name), `${name} of ${kind.className}`).toBeUndefined();
        seen.set(name, kind.className);
      }
    }
  });

  it('no alias is an activation name (bare activation steps stay Activation layers)', () => {
    for (const kind of LAYER_KINDS) {
      for (const alias of kind.aliases ?? []) expect((ACTIVATIONS as readonly string[]).includes(alias), `${kind.className}: ${alias}`).toBe(false);
    }
  });

  it("only Keras's own snake names of Softmax and ELU coincide with activation names", () => {
    // The expander sends a bare `softmax` / `elu` to Activation, and `softmax(axis=1)` to the layer.
    const shared = ACTIVATIONS.filter((name) => lookupKind(name) !== undefined);
    expect(shared.map((name) => [name, lookupKind(name)!.className])).toEqual([
      ['softmax', 'Softmax'],
      ['elu', 'ELU'],
    ]);
  });

  it.each([
    ['maxpool2d', 'MaxPooling2D'],
    ['avgpool1d', 'AveragePooling1D'],
    ['batchnorm', 'BatchNormalization'],
    ['bn', 'BatchNormalization'],
    ['gap2d', 'GlobalAveragePooling2D'],
    ['gmp1d', 'GlobalMaxPooling1D'],
    ['conv2d_transpose', 'Conv2DTranspose'],
    ['deconv2d', 'Conv2DTranspose'],
    ['prelu', 'PReLU'],
    ['filter2d', 'Filter2D'],
    ['concat', 'Concatenate'],
    ['separable_conv2d', 'SeparableConv2D'],
    ['depthwise_conv2d', 'DepthwiseConv2D'],
  ])('%s → %s', (alias, className) => {
    expect(lookupKind(alias)?.className).toBe(className);
  });

  it('every positional argument is a declared argument', () => {
    for (const kind of LAYER_KINDS) {
      for (const name of kind.positional) expect(Object.hasOwn(kind.args, name), `${kind.className}.${name}`).toBe(true);
    }
  });

  it('every Keras kind has at least 3 Keras-generated cases', () => {
    // Filter2D is netspec's own; Lambda and Custom take their figures as declared, not from Keras's rules.
    for (const kind of LAYER_KINDS.filter((k) => k.className !== 'Filter2D' && k.family !== 'custom')) {
      expect(allKerasRows.filter((c) => c.kind === kind.className).length, kind.className).toBeGreaterThanOrEqual(3);
    }
  });

  it('defaults normalise for every kind whose arguments are all optional', () => {
    for (const kind of LAYER_KINDS) {
      if (Object.values(kind.args).some((spec) => spec.required) || kind.className === 'Filter2D') continue;
      expect(() => normalizeArgs(kind, {}), kind.className).not.toThrow();
    }
  });

  it('MaxPooling strides default to pool_size', () => {
    expect(normalizeArgs(lookupKind('MaxPooling2D')!, { pool_size: 3 }).strides).toEqual([3, 3]);
  });

  it("LeakyReLU accepts Keras 2's alpha as negative_slope", () => {
    expect(normalizeArgs(lookupKind('LeakyReLU')!, { alpha: 0.1 }).negative_slope).toBe(0.1);
    expect(normalizeArgs(lookupKind('LeakyReLU')!, {}).negative_slope).toBe(0.3);
  });
});
