"""Keras 3 reference figures for netspec's image preprocessing and augmentation kinds.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/preprocessing_fixture.py
Writes test/fixtures/keras/layers-preprocessing.json (one row per case: Keras's output shape and
weight counts, or its error) and test/fixtures/keras/preprocessing-values.json (inference outputs of
the resizing kinds on a fixed input, for the compiled tfjs layers).
"""
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from layers_fixture import figures, write_table  # noqa: E402

HERE = os.path.dirname(__file__)
FIXTURES = os.path.join(HERE, "..", "..", "test", "fixtures", "keras")

P = "preprocessing"
# (family, kind, kwargs, input shape), the family added below
CASES = [
    ("Resizing", {"height": 64, "width": 48}, [128, 128, 3]),
    ("Resizing", {"height": 224, "width": 224, "interpolation": "nearest"}, [None, None, 1]),
    ("Resizing", {"height": 10, "width": 20, "crop_to_aspect_ratio": True}, [30, 30, 2]),
    ("Resizing", {"height": 10, "width": 20, "pad_to_aspect_ratio": True}, [30, 30, 2]),
    ("Resizing", {"height": 8, "width": 8, "interpolation": "bicubic", "antialias": True}, [16, 16, 4]),
    ("Resizing", {"height": 5, "width": 5, "crop_to_aspect_ratio": True, "pad_to_aspect_ratio": True}, [10, 10, 1]),
    ("Resizing", {"height": 5, "width": 5, "interpolation": "cubic_spline"}, [10, 10, 1]),
    ("CenterCrop", {"height": 24, "width": 20}, [32, 32, 3]),
    ("CenterCrop", {"height": 40, "width": 20}, [32, 32, 3]),
    ("CenterCrop", {"height": 5, "width": 5}, [None, None, 1]),
    ("CenterCrop", {"height": 224, "width": 224}, [256, 300, 3]),
    ("RandomFlip", {}, [28, 28, 1]),
    ("RandomFlip", {"mode": "horizontal"}, [None, None, 3]),
    ("RandomFlip", {"mode": "vertical", "seed": 3}, [32, 16, 3]),
    ("RandomFlip", {"mode": "horizontal"}, [7, 5, 2]),
    ("RandomRotation", {"factor": 0.1}, [28, 28, 1]),
    ("RandomRotation", {"factor": [-0.2, 0.3], "fill_mode": "constant", "fill_value": 1.0}, [64, 32, 3]),
    ("RandomRotation", {"factor": 0.25, "interpolation": "nearest", "fill_mode": "wrap"}, [None, None, 3]),
    ("RandomRotation", {"factor": 0.1, "fill_mode": "mirror"}, [28, 28, 1]),
    ("RandomZoom", {"height_factor": 0.2}, [28, 28, 1]),
    ("RandomZoom", {"height_factor": [-0.3, -0.1], "width_factor": [-0.2, 0.2], "fill_mode": "nearest"}, [40, 30, 3]),
    ("RandomZoom", {"height_factor": 0.1, "width_factor": 0.1, "interpolation": "nearest"}, [None, None, 2]),
    ("RandomZoom", {"height_factor": 1.5}, [28, 28, 1]),
    ("RandomTranslation", {"height_factor": 0.1, "width_factor": 0.1}, [28, 28, 1]),
    ("RandomTranslation", {"height_factor": [-0.2, 0.3], "width_factor": 0.05, "fill_mode": "constant"}, [64, 48, 3]),
    ("RandomTranslation", {"height_factor": 0.2, "width_factor": [0.1, 0.2], "interpolation": "nearest"}, [None, None, 3]),
    ("RandomTranslation", {"height_factor": [0.3, 0.1], "width_factor": 0.1}, [28, 28, 1]),
    ("RandomContrast", {"factor": 0.2}, [28, 28, 1]),
    ("RandomContrast", {"factor": [0.1, 0.4], "value_range": [0, 1]}, [32, 32, 3]),
    ("RandomContrast", {"factor": 0.5, "seed": 7}, [None, None, 3]),
    ("RandomContrast", {"factor": 1.5}, [28, 28, 1]),
    ("RandomBrightness", {"factor": 0.2}, [28, 28, 3]),
    ("RandomBrightness", {"factor": [-0.2, 0.5], "value_range": [0, 1]}, [32, 32, 1]),
    ("RandomBrightness", {"factor": 0.1, "seed": 1}, [None, None, 3]),
    ("RandomBrightness", {"factor": 1.5}, [28, 28, 3]),
    ("RandomCrop", {"height": 24, "width": 24}, [32, 32, 3]),
    ("RandomCrop", {"height": 40, "width": 20}, [32, 32, 3]),
    ("RandomCrop", {"height": 10, "width": 12, "seed": 5}, [10, 12, 1]),
    ("RandomCrop", {"height": 8, "width": 8}, [None, None, 1]),
]
CASES = [(P, *case) for case in CASES]


def run(kind, kwargs, input_shape):
    layer = getattr(keras.layers, kind)(**kwargs)
    out = layer(keras.Input(shape=input_shape))
    if None not in input_shape:  # some refusals come only when the layer runs (pad and crop together)
        layer(np.zeros([1] + input_shape, "float32"), training=False)
    return figures(layer, out)


# Inference outputs (training=False) on a fixed image, for the compiled resizing layers.
VALUE_CASES = [
    ("Resizing", {"height": 5, "width": 7}, [10, 12, 2]),
    ("Resizing", {"height": 16, "width": 9}, [10, 12, 2]),
    ("Resizing", {"height": 5, "width": 7, "interpolation": "nearest"}, [10, 12, 2]),
    ("Resizing", {"height": 4, "width": 8, "crop_to_aspect_ratio": True}, [10, 12, 2]),
    ("Resizing", {"height": 4, "width": 8, "pad_to_aspect_ratio": True, "fill_value": 2.5}, [10, 12, 2]),
    ("Resizing", {"height": 9, "width": 3, "pad_to_aspect_ratio": True}, [10, 12, 2]),
    ("CenterCrop", {"height": 6, "width": 5}, [10, 12, 2]),
    ("CenterCrop", {"height": 14, "width": 8}, [10, 12, 2]),
    ("RandomFlip", {}, [10, 12, 2]),
    ("RandomRotation", {"factor": 0.3}, [10, 12, 2]),
    ("RandomContrast", {"factor": 0.3}, [10, 12, 2]),
    ("RandomCrop", {"height": 10, "width": 12}, [10, 12, 2]),
]


def image(shape):
    n = int(np.prod(shape))
    return ((np.arange(n, dtype="float32") * 37.0) % 101.0).reshape([1] + shape) / 4.0


def values():
    rows = []
    for kind, kwargs, input_shape in VALUE_CASES:
        x = image(input_shape)
        y = np.asarray(getattr(keras.layers, kind)(**kwargs)(x, training=False))
        rows.append({"kind": kind, "args": kwargs, "input_shape": input_shape, "output_shape": list(y.shape[1:]),
                     "output": [round(float(v), 5) for v in y.reshape(-1)]})
    return rows


def main():
    write_table(os.path.join(FIXTURES, "layers-preprocessing.json"), CASES, run)
    with open(os.path.join(FIXTURES, "preprocessing-values.json"), "w") as f:
        json.dump({"keras_version": keras.__version__, "input": "((arange(n) * 37) % 101) / 4, shape [1, ...input_shape]", "cases": values()}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
