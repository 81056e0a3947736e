"""Keras 3 reference rows for the layer kinds keras.applications' own models define
(ConvNeXt's LayerScale), in layers.json's row format.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/apps_layers_fixture.py
Writes test/fixtures/keras/layers-apps.json.
"""
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras  # noqa: E402
from keras.src.applications.convnext import LayerScale  # noqa: E402

from layers_fixture import figures, write_table  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "layers-apps.json")

CLASSES = {"LayerScale": LayerScale}

# (family, kind, kwargs, input shape)
CASES = [
    ("norm", "LayerScale", {"init_values": 1e-6, "projection_dim": 96}, [56, 56, 96]),
    ("norm", "LayerScale", {"init_values": 0.1, "projection_dim": 8}, [10, 8]),
    ("norm", "LayerScale", {"init_values": 1e-6, "projection_dim": 4}, [None, None, 4]),
    ("norm", "LayerScale", {"init_values": 1.0, "projection_dim": 5}, [3, 4, 2, 5]),
    ("norm", "LayerScale", {"init_values": 1e-6, "projection_dim": 4}, [7, 1]),
    ("norm", "LayerScale", {"init_values": 1e-6, "projection_dim": 8}, [4, 4, 3]),
]


def run(kind, kwargs, input_shape):
    layer = CLASSES[kind](**kwargs)
    out = layer(keras.Input(shape=input_shape))
    return figures(layer, out)


def main():
    write_table(OUT, CASES, run)


if __name__ == "__main__":
    main()
