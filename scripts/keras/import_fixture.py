"""Keras oracle for `netspec import`.

Builds real Keras models (several keras.applications, a functional model with
branches, a nested Sequential inside a functional model, a multi-input model,
a siamese model with a shared tower, a model with a custom layer and one with
a Lambda) and writes, under test/fixtures/keras/import/:
  <name>.json        model.to_json() exactly as Keras writes it
  <name>.keras       model.save() (small models only: the archive holds the weights)
  <name>.expect.json Keras's totals and, per layer, class, output shape (no batch
                     axis) and parameter counts from model.summary()'s figures.

Run from the repository root:
    KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/import_fixture.py [name ...]
"""
import json
import math
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT_DIR = os.path.join("test", "fixtures", "keras", "import")
apps = keras.applications


def branches():
    inputs = keras.Input((64, 64, 3), name="image")
    x = layers.Conv2D(16, 3, padding="same", activation="relu", name="stem")(inputs)
    a = layers.Conv2D(16, 1, name="branch_a")(x)
    b = layers.Conv2D(8, 3, padding="same", name="branch_b1")(x)
    b = layers.BatchNormalization(name="branch_b_bn")(b)
    b = layers.Conv2D(16, 3, padding="same", name="branch_b2")(b)
    x = layers.add([a, b], name="merge")
    x = layers.MaxPooling2D(2)(x)
    c = layers.Concatenate(name="cat")([x, layers.AveragePooling2D(2, name="avg")(layers.Conv2D(4, 1, name="proj")(inputs))])
    x = layers.GlobalAveragePooling2D()(c)
    outputs = layers.Dense(10, activation="softmax", name="head")(x)
    return keras.Model(inputs, outputs, name="branches")


def nested_sequential():
    features = keras.Sequential(
        [layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(), layers.Conv2D(16, 3, activation="relu"), layers.Flatten()],
        name="features",
    )
    inputs = keras.Input((28, 28, 1))
    x = features(inputs)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="nested_sequential")


def sequential_mlp():
    return keras.Sequential(
        [keras.Input((784,)), layers.Dense(128, activation="relu"), layers.Dropout(0.2), layers.Dense(10)],
        name="sequential_mlp",
    )


def multi_input():
    image = keras.Input((32, 32, 3), name="image")
    meta = keras.Input((5,), name="meta")
    x = layers.Conv2D(8, 3, activation="relu")(image)
    x = layers.GlobalMaxPooling2D()(x)
    m = layers.Dense(8, activation="relu")(meta)
    x = layers.concatenate([x, m])
    outputs = layers.Dense(1, activation="sigmoid", name="score")(x)
    return keras.Model([image, meta], outputs, name="multi_input")


def siamese():
    tower = keras.Sequential([keras.Input((16,)), layers.Dense(32, activation="relu"), layers.Dense(8)], name="tower")
    left = keras.Input((16,), name="left")
    right = keras.Input((16,), name="right")
    a = tower(left)
    b = tower(right)
    shared = layers.Dense(4, name="shared_head")
    d = layers.subtract([shared(a), shared(b)])
    outputs = layers.Dense(1, activation="sigmoid", name="same")(d)
    return keras.Model([left, right], outputs, name="siamese")


@keras.saving.register_keras_serializable(package="course")
class ChannelGate(keras.layers.Layer):
    """A custom layer: one trainable weight per channel, output shape unchanged."""

    def build(self, input_shape):
        self.gate = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="gate")

    def call(self, x):
        return x * self.gate


def custom_layer():
    inputs = keras.Input((32, 32, 3))
    x = layers.Conv2D(8, 3, name="conv")(inputs)
    x = ChannelGate(name="gate")(x)
    x = layers.Flatten()(x)
    outputs = layers.Dense(2, name="out")(x)
    return keras.Model(inputs, outputs, name="custom_layer")


def lambda_layer():
    inputs = keras.Input((10, 10, 4))
    x = layers.Conv2D(6, 3, padding="same", name="conv")(inputs)
    x = layers.Lambda(lambda t: keras.ops.concatenate([t, t], axis=-1), name="double")(x)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(3, name="out")(x)
    return keras.Model(inputs, outputs, name="lambda_layer")


def seq2seq_states():
    """Layers with several outputs: an encoder's states start the decoder (tensor indices 1 and 2 in
    inbound nodes), a Bidirectional with merge_mode=None feeds both outputs to a merge, and a state is
    a model output."""
    enc_in = keras.Input((10, 3), name="enc_in")
    dec_in = keras.Input((7, 4), name="dec_in")
    _, h, c = layers.LSTM(8, return_state=True, name="enc")(enc_in)
    y = layers.LSTM(8, return_sequences=True, name="dec")(dec_in, initial_state=[h, c])
    forward, backward = layers.Bidirectional(layers.GRU(6), merge_mode=None, name="bi")(y)
    z = layers.Concatenate(name="cat")([forward, backward])
    _, bh, bc = layers.ConvLSTM1D(2, 3, return_state=True, name="conv_lstm")(layers.Reshape((7, 8, 1), name="frames")(y))
    return keras.Model([enc_in, dec_in], [z, c, bh], name="seq2seq_states")


def transfer_learning():
    """The fine-tuning pattern of the Keras guides: a frozen application inside a new head."""
    base = apps.MobileNetV2(weights=None, include_top=False, input_shape=(96, 96, 3))
    base.trainable = False
    inputs = keras.Input((96, 96, 3))
    x = base(inputs, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(5)(x)
    return keras.Model(inputs, outputs, name="transfer_learning")


def argument_objects():
    """Initializers, regularizers and constraints as objects and names (issue 12 item 6)."""
    inputs = keras.Input(shape=(12, 8), name="sequence")
    x = layers.Conv1D(
        8,
        3,
        padding="same",
        kernel_initializer="he_normal",
        kernel_regularizer=keras.regularizers.L2(1e-4),
        kernel_constraint=keras.constraints.MaxNorm(3),
        name="conv",
    )(inputs)
    x = layers.BatchNormalization(gamma_regularizer=keras.regularizers.L1L2(l1=0.01, l2=0.02), beta_constraint=keras.constraints.NonNeg(), name="bn")(x)
    x = layers.LSTM(
        6,
        kernel_initializer=keras.initializers.HeNormal(seed=1),
        recurrent_initializer=keras.initializers.Orthogonal(gain=0.5, seed=2),
        bias_initializer=keras.initializers.Constant(0.1),
        name="lstm",
    )(x)
    x = layers.Dense(
        4,
        kernel_initializer=keras.initializers.VarianceScaling(scale=2.0, mode="fan_out", distribution="uniform"),
        bias_regularizer=keras.regularizers.L1(0.001),
        kernel_constraint=keras.constraints.MinMaxNorm(min_value=0.5, max_value=2.0, rate=0.9),
        name="dense",
    )(x)
    outputs = layers.Dense(2, kernel_initializer=keras.initializers.GlorotUniform(seed=3), bias_constraint=keras.constraints.UnitNorm(), name="head")(x)
    return keras.Model(inputs, outputs, name="argument_objects")


SMALL = {
    "argument_objects": argument_objects,
    "branches": branches,
    "nested_sequential": nested_sequential,
    "sequential_mlp": sequential_mlp,
    "multi_input": multi_input,
    "siamese": siamese,
    "custom_layer": custom_layer,
    "lambda_layer": lambda_layer,
    "seq2seq_states": seq2seq_states,
}

# Models too large for a .keras archive in the repository (it holds the weights): JSON only.
LARGE = {"transfer_learning": transfer_learning}

APPS = {
    "vgg16": lambda: apps.VGG16(weights=None),
    "resnet50": lambda: apps.ResNet50(weights=None),
    "mobilenet_v2": lambda: apps.MobileNetV2(weights=None),
    "densenet121": lambda: apps.DenseNet121(weights=None),
    "inception_v3": lambda: apps.InceptionV3(weights=None),
    "xception": lambda: apps.Xception(weights=None),
    "efficientnet_b0": lambda: apps.EfficientNetB0(weights=None),
    "mobilenet_v3_small": lambda: apps.MobileNetV3Small(weights=None, input_shape=(224, 224, 3)),
    "inception_resnet_v2": lambda: apps.InceptionResNetV2(weights=None),
    "nasnet_mobile": lambda: apps.NASNetMobile(weights=None),
    "resnet50v2": lambda: apps.ResNet50V2(weights=None),
    "mobilenet": lambda: apps.MobileNet(weights=None, input_shape=(224, 224, 3)),
    "mobilenet_v3_large": lambda: apps.MobileNetV3Large(weights=None, input_shape=(224, 224, 3)),
    "densenet169": lambda: apps.DenseNet169(weights=None),
    "efficientnet_b3": lambda: apps.EfficientNetB3(weights=None),
    "efficientnet_v2_b0": lambda: apps.EfficientNetV2B0(weights=None),
    "convnext_tiny": lambda: apps.ConvNeXtTiny(weights=None),
}


def count(weights):
    return int(sum(math.prod(w.shape) for w in weights))


def shape_of(tensor):
    return [None if d is None else int(d) for d in tensor.shape[1:]]


def describe(layer):
    calls = []
    for node in layer._inbound_nodes:
        outs = node.output_tensors
        calls.append([shape_of(t) for t in outs])
    return {
        "name": layer.name,
        "class": type(layer).__name__,
        "output_shapes": calls,
        "trainable": count(layer.trainable_weights),
        "non_trainable": count(layer.non_trainable_weights),
    }


def write(name, model, archive):
    with open(os.path.join(OUT_DIR, f"{name}.json"), "w") as f:
        f.write(model.to_json())
    if archive:
        model.save(os.path.join(OUT_DIR, f"{name}.keras"))
    expect = {
        "name": model.name,
        "total": int(model.count_params()),
        "trainable": count(model.trainable_weights),
        "non_trainable": count(model.non_trainable_weights),
        "layers": [describe(layer) for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)],
    }
    with open(os.path.join(OUT_DIR, f"{name}.expect.json"), "w") as f:
        json.dump(expect, f, indent=1)
        f.write("\n")
    print(f"{name}: {expect['total']:,} params, {len(expect['layers'])} layers")


def main(names):
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, build in {**SMALL, **LARGE, **APPS}.items():
        if names and name not in names:
            continue
        write(name, build(), archive=name in SMALL)


if __name__ == "__main__":
    main(sys.argv[1:])
