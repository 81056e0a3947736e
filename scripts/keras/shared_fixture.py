"""Keras oracle for shared layers (test/fixtures/shared/*.yaml): layers and nested models called
more than once share their weights, and Keras counts them once. Writes
test/fixtures/shared/keras.json with, per model, the totals, the weight-tensor count, and the
output shape of every named call (`calls`), plus the same network built without sharing
(`unshared_total_params`) so the tests can show the difference.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/shared_fixture.py
"""
import json
import pathlib

import keras
from keras import layers as L


def siamese_tower(name="tower"):
    # The tower of the Keras example "Image similarity estimation using a Siamese Network with a
    # contrastive loss" (5,318 weights). Its Lambda (euclidean distance) is replaced by layers netspec
    # has, with the same 1-wide output: mean of the squared difference.
    x0 = keras.Input((28, 28, 1))
    x = L.BatchNormalization()(x0)
    x = L.Conv2D(4, (5, 5), activation="tanh")(x)
    x = L.AveragePooling2D(pool_size=(2, 2))(x)
    x = L.Conv2D(16, (5, 5), activation="tanh")(x)
    x = L.AveragePooling2D(pool_size=(2, 2))(x)
    x = L.Flatten()(x)
    x = L.BatchNormalization()(x)
    x = L.Dense(10, activation="tanh")(x)
    return keras.Model(x0, x, name=name)


def siamese(shared=True):
    left = keras.Input((28, 28, 1), name="left")
    right = keras.Input((28, 28, 1), name="right")
    tower = siamese_tower()
    a = tower(left)
    b = (tower if shared else siamese_tower("tower2"))(right)
    d = L.Subtract()([a, b])
    sq = L.Multiply()([d, d])
    m = L.GlobalAveragePooling1D()(L.Reshape((10, 1))(sq))
    x = L.BatchNormalization()(m)
    out = L.Dense(1, activation="sigmoid")(x)
    calls = {"left_embedding": a, "right_embedding": b, "distance": m, "output": out}
    return keras.Model([left, right], out), calls


def mixer(shared=True):
    # One MLP-Mixer layer as in the Keras example "Image classification with modern MLP models":
    # MLPMixerLayer applies its one `self.normalize` LayerNormalization twice.
    patches, dims = 64, 32
    x0 = keras.Input((patches, dims), name="patches")
    norm = L.LayerNormalization(epsilon=1e-6)
    x = norm(x0)
    t = L.Permute((2, 1))(x)
    t = L.Dense(patches, activation="gelu")(t)
    t = L.Dense(patches)(t)
    t = L.Permute((2, 1))(t)
    x = L.Add()([x0, t])
    normed = (norm if shared else L.LayerNormalization(epsilon=1e-6))(x)
    c = L.Dense(dims, activation="gelu")(normed)
    c = L.Dense(dims)(c)
    out = L.Add()([x, c])
    calls = {"second_norm": normed, "output": out}
    return keras.Model(x0, out), calls


def conv_block(name="features"):
    # A block applied to two inputs of different sizes: weights depend only on the channels.
    x0 = keras.Input((None, None, 3))
    x = L.Conv2D(8, 3, padding="same", use_bias=False)(x0)
    x = L.BatchNormalization()(x)
    x = L.Activation("relu")(x)
    x = L.MaxPooling2D(2)(x)
    x = L.Conv2D(16, 3, activation="relu")(x)
    x = L.GlobalAveragePooling2D()(x)
    return keras.Model(x0, x, name=name)


def two_views(shared=True):
    big = keras.Input((32, 32, 3), name="big")
    small = keras.Input((16, 16, 3), name="small")
    block = conv_block()
    a = block(big)
    b = (block if shared else conv_block("features2"))(small)
    head = L.Dense(4)
    ha = head(a)
    hb = (head if shared else L.Dense(4))(b)
    out = L.Concatenate()([ha, hb])
    calls = {"big_features": a, "small_features": b, "big_head": ha, "small_head": hb, "output": out}
    return keras.Model([big, small], out), calls


def figures(model):
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    return model.count_params(), trainable


MODELS = {"siamese": siamese, "mixer": mixer, "two-views": two_views}

if __name__ == "__main__":
    out = {"keras_version": keras.__version__, "models": {}}
    for name, build in MODELS.items():
        model, calls = build()
        total, trainable = figures(model)
        unshared, _ = build(shared=False)
        out["models"][name] = {
            "total_params": total,
            "trainable_params": trainable,
            "non_trainable_params": total - trainable,
            "weights": len(model.weights),
            "unshared_total_params": unshared.count_params(),
            "calls": {k: list(v.shape[1:]) for k, v in calls.items()},
        }
    path = pathlib.Path(__file__).resolve().parents[2] / "test/fixtures/shared/keras.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    for name, m in out["models"].items():
        print(name, m["total_params"], m["non_trainable_params"], m["unshared_total_params"], m["weights"])
