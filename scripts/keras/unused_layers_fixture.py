"""Keras leaves layers that lead to no output out of a functional model, but keeps every input.

Writes test/fixtures/keras/unused-layers.json: for each case the model's layer names and totals.
Run from the repository root:
    KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/unused_layers_fixture.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras import layers  # noqa: E402


def unused_branch():
    a = keras.Input((8,), name="a")
    b = keras.Input((8,), name="b")
    layers.Dense(4, name="d1")(a)
    d2 = layers.Dense(2, name="d2")(b)
    return keras.Model([a, b], d2)


def side_branch():
    x = keras.Input((16, 16, 3), name="x")
    c = layers.Conv2D(8, 3, name="conv")(x)
    side = layers.Conv2D(4, 1, name="side_conv")(c)
    layers.GlobalAveragePooling2D(name="side_pool")(side)
    y = layers.Flatten(name="flat")(c)
    y = layers.Dense(3, name="head")(y)
    return keras.Model(x, y)


def figures(model):
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    non_trainable = sum(int(w.numpy().size) for w in model.non_trainable_weights)
    return {"layers": [l.name for l in model.layers], "total": model.count_params(), "trainable": trainable, "non_trainable": non_trainable}


out = {"keras_version": keras.__version__, "cases": {"unused_branch": figures(unused_branch()), "side_branch": figures(side_branch())}}
path = os.path.join("test", "fixtures", "keras", "unused-layers.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out))
