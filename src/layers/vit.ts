// What a Vision Transformer adds to the patch sequence (a strided Conv2D and a Reshape make the
// patches): a learned class token in front, and a learned position embedding added to every position.
// Keras has neither as a built-in; keras.io's ViT examples write both as small custom layers, which
// scripts/keras/attention_fixture.py reproduces. MACs: the embedding's addition is not a multiply, 0.
import { kerasCompatArgs, weightCompatArgs } from './common-args.js';
import { defineKind } from './define-kind.js';
import { knownProduct, requireRank } from './shape-math.js';
import { formatTuple } from '../format/format.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { LayerError, type Shape } from './types.js';

function sequence(input: Shape | undefined, layer: string): [number | null, number] {
  const [n, d] = requireRank(input, 2, layer);
  if (d === null) throw new LayerError(`${layer}: the feature axis must be known, got ${formatTuple([null, ...input!])}`);
  return [n!, d!];
}

export const ClassToken = defineKind({
  className: 'ClassToken',
  aliases: ['cls_token'],
  family: 'embedding',
  doc: 'Puts a learned class token in front of a sequence of patches: (N, D) → (N + 1, D), D weights (ViT).',
  args: { ...weightCompatArgs('token', 'zeros'), dtype: kerasCompatArgs.dtype! },
  outputShape([input]) {
    const [n, d] = sequence(input, 'ClassToken');
    return [n === null ? null : n + 1, d];
  },
  params: ([input]) => ({ trainable: sequence(input, 'ClassToken')[1], nonTrainable: 0 }),
  macs: () => 0,
  receptive: () => ({ kind: 'global' }),
  explain: ([input], _args, output) => [`${formatTuple(input!)} → ${formatTuple(output)}`, `params = ${sequence(input, 'ClassToken')[1]} (the token)`],
  build: (_tf, _args, ctx) => applyOne(customLayer(ctx, 'NetspecClassToken', {}, 'ClassToken')),
  label: () => '+ class token',
});

export const AddPositionEmbedding = defineKind({
  className: 'AddPositionEmbedding',
  aliases: ['position_embedding', 'pos_embedding'],
  family: 'embedding',
  doc: 'Adds a learned position embedding, one weight per input element (N·D for a sequence of N positions of D features), as ViT does.',
  args: { ...weightCompatArgs('embeddings', 'random_normal'), dtype: kerasCompatArgs.dtype! },
  outputShape([input]) {
    if (input!.length === 0 || input!.includes(null))
      throw new LayerError(`AddPositionEmbedding needs every size of its input known (one weight per element), got ${formatTuple([null, ...input!])}`);
    return input!;
  },
  params: ([input]) => ({ trainable: knownProduct(input!), nonTrainable: 0 }),
  macs: () => 0,
  receptive: () => ({ kind: 'identity' }),
  explain: ([input]) => [`params = ${input!.join('·')} = ${knownProduct(input!)} (one per position and feature)`],
  build: (_tf, _args, ctx) => applyOne(customLayer(ctx, 'NetspecAddPositionEmbedding', {}, 'AddPositionEmbedding')),
  label: () => '+ position embedding',
});
