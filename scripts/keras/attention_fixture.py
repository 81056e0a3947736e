"""Keras 3 reference figures for netspec's attention, normalization and Vision Transformer kinds.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/attention_fixture.py
Writes
- test/fixtures/keras/layers-attention.json: one row per case (Keras's output shape and weight
  counts, or its error), read by the layer tables and the compile differential test;
- test/fixtures/keras/attention-values.json: inputs, weights and Keras's outputs of small layers, for
  the custom tfjs layers (MultiHeadAttention, Attention, GroupNormalization, …);
- test/fixtures/keras/apps/vit_b16.json and vit_medmnist.json: the two ViT specs built in Keras.

Keras has no class token or learned position embedding layer; ClassToken and AddPositionEmbedding
below are small custom layers as keras.io's ViT examples write them (a weight concatenated in front
of the patch sequence; a learned (patches, dim) table added to it).
"""
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402

from layers_fixture import figures, write_table  # noqa: E402

FIXTURES = os.path.join(HERE, "..", "..", "test", "fixtures", "keras")


class ClassToken(keras.layers.Layer):
    """A learned (1, dim) token put in front of the sequence: (N, dim) -> (N + 1, dim)."""

    def build(self, input_shape):
        self.token = self.add_weight(shape=(1, 1, input_shape[-1]), initializer="zeros", name="token")

    def call(self, x):
        token = ops.broadcast_to(ops.cast(self.token, x.dtype), (ops.shape(x)[0], 1, ops.shape(x)[-1]))
        return ops.concatenate([token, x], axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], None if input_shape[1] is None else input_shape[1] + 1, input_shape[2])


class AddPositionEmbedding(keras.layers.Layer):
    """A learned position embedding, one vector per position, added to the sequence."""

    def build(self, input_shape):
        self.embedding = self.add_weight(shape=tuple(input_shape[1:]), initializer="random_normal", name="embedding")

    def call(self, x):
        return x + self.embedding


CUSTOM = {"ClassToken": ClassToken, "AddPositionEmbedding": AddPositionEmbedding}

# (family, kind, kwargs, input shape or list of input shapes)
CASES = [
    ("attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4}, [[10, 8], [10, 8]]),
    ("attention", "MultiHeadAttention", {"num_heads": 12, "key_dim": 64}, [[197, 768], [197, 768]]),
    ("attention", "MultiHeadAttention", {"num_heads": 4, "key_dim": 8, "value_dim": 6, "use_bias": False}, [[5, 16], [7, 12]]),
    ("attention", "MultiHeadAttention", {"num_heads": 3, "key_dim": 5, "output_shape": 7}, [[4, 6], [9, 10], [9, 11]]),
    ("attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "output_shape": [2, 5]}, [[4, 6], [4, 6]]),
    ("attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "attention_axes": [1, 2]}, [[3, 4, 8], [5, 6, 8]]),
    ("attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "attention_axes": 2}, [[3, 4, 8], [3, 6, 8]]),
    ("attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "dropout": 0.1}, [[None, 8], [None, 8]]),
    ("attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4}, [[3, 4, 8], [5, 8]]),
    ("attention", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4}, [[5, 8], [6, 8], [7, 8]]),
    ("attention", "Attention", {}, [[4, 6], [5, 6]]),
    ("attention", "Attention", {"use_scale": True}, [[4, 6], [5, 6], [5, 6]]),
    ("attention", "Attention", {"use_scale": True, "score_mode": "concat"}, [[4, 6], [5, 3], [5, 6]]),
    ("attention", "Attention", {"score_mode": "dot", "dropout": 0.2}, [[None, 6], [None, 6]]),
    ("attention", "Attention", {"score_mode": "general"}, [[4, 6], [5, 6]]),
    ("attention", "AdditiveAttention", {}, [[4, 6], [5, 6]]),
    ("attention", "AdditiveAttention", {"use_scale": False}, [[4, 6], [5, 6], [5, 6]]),
    ("attention", "AdditiveAttention", {"dropout": 0.1}, [[None, 3], [7, 3], [7, 5]]),
    # Rank-4 inputs: the axes before the positions pair up; key and value need as many positions.
    ("attention", "AdditiveAttention", {}, [[4, 5, 3], [4, 3, 3]]),
    ("attention", "AdditiveAttention", {}, [[4, 5, 3], [2, 3, 3]]),
    ("attention", "Attention", {}, [[4, 5, 3], [2, 3, 3]]),
    ("attention", "Attention", {}, [[5, 3], [4, 3], [3, 3]]),
    ("attention", "AdditiveAttention", {}, [[5, 3], [4, 2], [3, 3]]),
    ("merge", "Dot", {"axes": 1}, [[5], [5]]),
    ("merge", "Dot", {"axes": -1, "normalize": True}, [[4, 6], [3, 6]]),
    ("merge", "Dot", {"axes": [2, 2]}, [[4, 6], [3, 6]]),
    ("merge", "Dot", {"axes": [1, 2]}, [[4, 6], [3, 4]]),
    ("merge", "Dot", {"axes": 2}, [[4, 6], [3, 5]]),
    ("norm", "GroupNormalization", {}, [8, 8, 64]),
    ("norm", "GroupNormalization", {"groups": 4, "center": False}, [6, 6, 8]),
    ("norm", "GroupNormalization", {"groups": -1, "scale": False}, [10, 5]),
    ("norm", "GroupNormalization", {"groups": 3}, [8, 8, 8]),
    ("norm", "GroupNormalization", {"groups": 2, "axis": 1}, [4, 6]),
    ("norm", "UnitNormalization", {}, [10]),
    ("norm", "UnitNormalization", {"axis": [1, 2]}, [4, 5, 3]),
    ("norm", "UnitNormalization", {"axis": 1}, [None, 3]),
    ("norm", "LayerNormalization", {"axis": [1, 2]}, [4, 5, 3]),
    ("norm", "LayerNormalization", {"axis": [-2, -1], "center": False}, [4, 5, 3]),
    ("norm", "LayerNormalization", {"epsilon": 1e-6, "scale": False}, [197, 768]),
    ("vit", "ClassToken", {}, [196, 768]),
    ("vit", "ClassToken", {}, [49, 64]),
    ("vit", "ClassToken", {}, [None, 8]),
    ("vit", "AddPositionEmbedding", {}, [197, 768]),
    ("vit", "AddPositionEmbedding", {}, [50, 64]),
    ("vit", "AddPositionEmbedding", {}, [4, 4, 3]),
]


def layer_class(kind):
    return CUSTOM.get(kind) or getattr(keras.layers, kind)


def call(layer, tensors, kind, **options):
    if kind in ("MultiHeadAttention",):
        return layer(*tensors, **options) if len(tensors) > 1 else layer(tensors[0], tensors[0], **options)
    if kind in ("Attention", "AdditiveAttention", "Dot"):
        return layer(tensors, **options)
    return layer(tensors[0], **options)


def run(kind, kwargs, input_shape):
    layer = layer_class(kind)(**kwargs)
    shapes = input_shape if isinstance(input_shape[0], list) else [input_shape]
    out = call(layer, [keras.Input(shape=s) for s in shapes], kind)
    # Some refusals come only when the layer runs (query and key features that differ). Not when
    # value_dim != key_dim: Keras 3.15 on JAX fails to run that, a backend bug, not a refusal.
    if kwargs.get("value_dim", kwargs.get("key_dim")) == kwargs.get("key_dim"):
        call(layer, [np.zeros([1] + [2 if d is None else d for d in s], "float32") for s in shapes], kind)
    return figures(layer, out)


# Numeric cases: (kind, kwargs, input shapes, call options). Weights are Keras's seeded random
# initialisation (plus random biases/offsets), saved in get_weights() order.
VALUE_CASES = [
    ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, [[4, 5], [4, 5]], {}),
    # value_dim != key_dim has Keras's shapes and counts (rows above), but Keras 3.15 on JAX fails to run it.
    ("MultiHeadAttention", {"num_heads": 3, "key_dim": 2, "output_shape": 6}, [[3, 5], [4, 7], [4, 2]], {}),
    ("MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "use_bias": False, "output_shape": [2, 3]}, [[3, 4], [5, 4]], {}),
    ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "attention_axes": [1, 2]}, [[2, 3, 4], [2, 3, 4]], {}),
    ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "attention_axes": 2}, [[2, 3, 4], [2, 5, 4]], {}),
    ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, [[4, 5], [4, 5]], {"use_causal_mask": True}),
    ("Attention", {}, [[3, 4], [5, 4]], {}),
    ("Attention", {"use_scale": True}, [[3, 4], [5, 4], [5, 4]], {}),
    ("Attention", {"use_scale": True, "score_mode": "concat"}, [[3, 4], [5, 2], [5, 4]], {}),
    ("Attention", {}, [[4, 4], [4, 4]], {"use_causal_mask": True}),
    ("AdditiveAttention", {}, [[3, 4], [5, 4]], {}),
    ("AdditiveAttention", {"use_scale": False}, [[3, 4], [5, 6], [5, 4]], {}),
    ("Dot", {"axes": -1, "normalize": True}, [[3, 4], [2, 4]], {}),
    ("Dot", {"axes": [1, 2]}, [[3, 4], [2, 3]], {}),
    ("GroupNormalization", {"groups": 2}, [3, 3, 4], {}),
    ("GroupNormalization", {"groups": -1, "epsilon": 0.01}, [5, 3], {}),
    ("GroupNormalization", {"groups": 2, "axis": 1}, [4, 3], {}),
    ("UnitNormalization", {}, [3, 4], {}),
    ("UnitNormalization", {"axis": [1, 2]}, [3, 4], {}),
    ("LayerNormalization", {"axis": [1, 2]}, [3, 4], {}),
    ("ClassToken", {}, [3, 4], {}),
    ("AddPositionEmbedding", {}, [3, 4], {}),
]


def values():
    rng = np.random.RandomState(12)
    out = []
    for kind, kwargs, input_shape, options in VALUE_CASES:
        keras.utils.set_random_seed(7)
        shapes = input_shape if isinstance(input_shape[0], list) else [input_shape]
        layer = layer_class(kind)(**kwargs)
        inputs = [rng.uniform(-1, 1, [2] + s).astype("float32") for s in shapes]
        call(layer, inputs, kind, **options)  # builds the weights
        # Non-trivial weights: initial zeros/ones (biases, gamma, beta, tokens) would hide mistakes.
        layer.set_weights([w + rng.uniform(-0.5, 0.5, w.shape).astype("float32") for w in layer.get_weights()])
        y = call(layer, inputs, kind, **options)
        out.append({
            "kind": kind,
            "args": {**kwargs, **options},
            "input_shapes": shapes,
            "inputs": [x.reshape(-1).round(6).tolist() for x in inputs],
            "weights": [{"shape": list(w.shape), "values": w.reshape(-1).round(6).tolist()} for w in layer.get_weights()],
            "output_shape": list(np.asarray(y).shape[1:]),
            "output": np.asarray(y).reshape(-1).round(6).tolist(),
        })
    return out


def vit(name, image, patch, dim, depth, heads, mlp, classes, channels):
    """ViT as the spec builds it: patch conv + reshape, class token, position embedding, pre-norm blocks, class-token head."""
    inputs = keras.Input((image, image, channels))
    x = keras.layers.Conv2D(dim, patch, strides=patch)(inputs)
    n = (image // patch) ** 2
    x = keras.layers.Reshape((n, dim))(x)
    x = ClassToken()(x)
    x = AddPositionEmbedding()(x)
    x = keras.layers.Dropout(0.1)(x)
    for _ in range(depth):
        y = keras.layers.LayerNormalization(epsilon=1e-6)(x)
        y = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=dim // heads, dropout=0.1)(y, y)
        y = keras.layers.Dropout(0.1)(y)
        x = keras.layers.Add()([x, y])
        y = keras.layers.LayerNormalization(epsilon=1e-6)(x)
        y = keras.layers.Dense(mlp, activation="gelu")(y)
        y = keras.layers.Dropout(0.1)(y)
        y = keras.layers.Dense(dim)(y)
        y = keras.layers.Dropout(0.1)(y)
        x = keras.layers.Add()([x, y])
    x = keras.layers.LayerNormalization(epsilon=1e-6)(x)
    x = keras.layers.Cropping1D((0, n))(x)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name=name)


def main():
    import apps_fixture

    write_table(os.path.join(FIXTURES, "layers-attention.json"), CASES, run)
    with open(os.path.join(FIXTURES, "attention-values.json"), "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": values()}, f)
        f.write("\n")
    models = {
        "vit_b16": ("ViT-B/16", vit("vit_b16", 224, 16, 768, 12, 12, 3072, 1000, 3)),
        "vit_medmnist": ("ViT for 28x28 MedMNIST", vit("vit_medmnist", 28, 4, 64, 4, 4, 128, 9, 3)),
    }
    for spec, (display, model) in models.items():
        fixture = apps_fixture.fixture(display, model)
        apps_fixture.write_fixture(os.path.join(FIXTURES, "apps", f"{spec}.json"), fixture)
        print(spec, fixture["total_params"])


if __name__ == "__main__":
    main()
