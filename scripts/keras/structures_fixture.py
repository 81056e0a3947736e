"""Keras oracle for test/fixtures/structures/*.yaml: the same networks built with the Keras 3
functional API. Writes test/fixtures/structures/keras.json with each model's layers
(class, output shape without batch, params) and totals.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/structures_fixture.py
"""
import json
import pathlib

import keras
from keras import layers as L


def residual():
    x0 = keras.Input((16, 16, 8))
    y = L.Conv2D(8, 3, padding="same")(x0)
    y = L.BatchNormalization()(y)
    y = L.Activation("relu")(y)
    y = L.Conv2D(8, 3, padding="same")(y)
    y = L.BatchNormalization()(y)
    x = L.Activation("relu")(L.Add()([x0, y]))
    y = L.BatchNormalization()(L.Conv2D(16, 3, strides=2, padding="same")(x))
    s = L.BatchNormalization()(L.Conv2D(16, 1, strides=2)(x))
    return keras.Model(x0, L.Add()([s, y]))


def inception():
    x0 = keras.Input((28, 28, 16))
    b1 = L.Conv2D(8, 1, activation="relu")(x0)
    b2 = L.Conv2D(8, 3, padding="same", activation="relu")(L.Conv2D(4, 1, activation="relu")(x0))
    b3 = L.Conv2D(4, 5, padding="same")(L.Conv2D(2, 1)(x0))
    b4 = L.Conv2D(4, 1)(L.MaxPooling2D(3, strides=1, padding="same")(x0))
    x = L.Concatenate()([b1, b2, b3, b4])
    out = L.Add()([L.Conv2D(24, 1)(x), L.AveragePooling2D(3, strides=1, padding="same")(x)])
    return keras.Model(x0, out)


def dense_block():
    x0 = keras.Input((8, 8, 16))
    x = x0
    for _ in range(3):
        y = L.BatchNormalization(epsilon=1.001e-5)(x)
        y = L.Activation("relu")(y)
        y = L.Conv2D(32, 1, use_bias=False)(y)
        y = L.BatchNormalization(epsilon=1.001e-5)(y)
        y = L.Activation("relu")(y)
        y = L.Conv2D(8, 3, padding="same", use_bias=False)(y)
        x = L.Concatenate()([x, y])
    return keras.Model(x0, x)


def unet_skip():
    x0 = keras.Input((32, 32, 1))
    e1 = L.Conv2D(8, 3, padding="same", activation="relu")(x0)
    e2 = L.Conv2D(16, 3, padding="same", activation="relu")(L.MaxPooling2D(2)(e1))
    x = L.Conv2D(32, 3, padding="same", activation="relu")(L.MaxPooling2D(2)(e2))
    x = L.Concatenate()([L.UpSampling2D(2)(x), e2])
    x = L.Conv2D(16, 3, padding="same", activation="relu")(x)
    x = L.Concatenate()([L.UpSampling2D((2, 2))(x), e1])
    return keras.Model(x0, L.Conv2D(1, 1, activation="sigmoid")(x))


def bottleneck(x, filters, strides, project):
    y = L.Conv2D(filters, 1, strides=strides)(x)
    y = L.Activation("relu")(L.BatchNormalization(epsilon=1.001e-5)(y))
    y = L.Conv2D(filters, 3, padding="same")(y)
    y = L.Activation("relu")(L.BatchNormalization(epsilon=1.001e-5)(y))
    y = L.BatchNormalization(epsilon=1.001e-5)(L.Conv2D(4 * filters, 1)(y))
    s = x
    if project:
        s = L.BatchNormalization(epsilon=1.001e-5)(L.Conv2D(4 * filters, 1, strides=strides)(x))
    return L.Activation("relu")(L.Add()([s, y]))


def bottleneck_stage():
    x0 = keras.Input((56, 56, 64))
    x = x0
    for i in range(3):
        x = bottleneck(x, 64, 1, i == 0)
    for i in range(2):
        x = bottleneck(x, 128, 2 if i == 0 else 1, i == 0)
    return keras.Model(x0, x)


def two_heads():
    image = keras.Input((32, 32, 3))
    meta = keras.Input((10,))
    img_feat = L.Dense(8)(L.GlobalAveragePooling2D()(L.Conv2D(8, 3)(image)))
    meta_feat = L.Dense(8)(meta)
    boxes = L.Dense(4)(L.Concatenate()([img_feat, meta_feat]))
    labels = L.Dense(3, activation="softmax")(img_feat)
    return keras.Model([image, meta], [boxes, labels])


def describe(model):
    rows = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        shape = layer.output.shape
        trainable = sum(int(w.numpy().size) for w in layer.trainable_weights)
        rows.append({"class": type(layer).__name__, "output_shape": list(shape[1:]), "params": layer.count_params(), "trainable": trainable})
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    return {"layers": rows, "wiring": wiring(model), "total_params": model.count_params(), "trainable_params": trainable, "non_trainable_params": model.count_params() - trainable}


def wiring(model):
    """Every layer (inputs included) with the names of the layers it reads, for comparing connections."""
    out = []
    for layer in model.layers:
        node = layer._inbound_nodes[0]
        inbound = [t._keras_history.operation.name for t in node.input_tensors]
        out.append({"name": layer.name, "class": type(layer).__name__, "output_shape": list(layer.output.shape[1:]), "inbound": inbound})
    return out


MODELS = {
    "residual": residual,
    "inception": inception,
    "dense-block": dense_block,
    "unet-skip": unet_skip,
    "bottleneck-stage": bottleneck_stage,
    "two-heads": two_heads,
}

if __name__ == "__main__":
    out = {"keras_version": keras.__version__, "models": {name: describe(build()) for name, build in MODELS.items()}}
    path = pathlib.Path(__file__).resolve().parents[2] / "test/fixtures/structures/keras.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    for name, m in out["models"].items():
        print(name, m["total_params"], m["non_trainable_params"])
