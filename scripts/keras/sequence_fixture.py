"""Keras 3 reference figures for netspec's recurrent and sequence kinds.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/sequence_fixture.py
Writes test/fixtures/keras/layers-sequence.json in layers.json's row format: output shape and
trainable / non-trainable parameter counts per case, or Keras's error message when it refuses.
A wrapped layer (Bidirectional, TimeDistributed) is written as {"class_name", "config"}, Keras's
own serialised form, which netspec's `layer` argument also reads.
"""
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from layers_fixture import figures, write_table  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "layers-sequence.json")


def wrap(class_name, **config):
    return {"class_name": class_name, "config": config}


S = "sequence"
# (family, kind, kwargs, input shape)
CASES = [
    (S, "SimpleRNN", {"units": 8}, [10, 4]),
    (S, "SimpleRNN", {"units": 5, "return_sequences": True}, [None, 3]),
    (S, "SimpleRNN", {"units": 3, "use_bias": False, "go_backwards": True, "activation": "relu"}, [7, 2]),
    (S, "SimpleRNN", {"units": 4, "unroll": True}, [None, 3]),
    (S, "SimpleRNN", {"units": 4}, [10]),
    (S, "LSTM", {"units": 64}, [100, 32]),
    (S, "LSTM", {"units": 16, "return_sequences": True}, [None, 8]),
    (S, "LSTM", {"units": 4, "use_bias": False}, [5, 3]),
    (S, "LSTM", {"units": 8, "unit_forget_bias": False, "dropout": 0.2, "recurrent_dropout": 0.1}, [12, 6]),
    (S, "LSTM", {"units": 4, "unroll": True, "return_sequences": True}, [6, 3]),
    (S, "LSTM", {"units": 4, "go_backwards": True}, [None, 1]),
    (S, "GRU", {"units": 32}, [50, 16]),
    (S, "GRU", {"units": 32, "reset_after": False}, [50, 16]),
    (S, "GRU", {"units": 6, "return_sequences": True, "use_bias": False}, [None, 5]),
    (S, "GRU", {"units": 3, "reset_after": False, "return_sequences": True}, [4, 2]),
    (S, "GRU", {"units": 5, "go_backwards": True, "return_sequences": True}, [9, 3]),
    (S, "ConvLSTM2D", {"filters": 8, "kernel_size": 3}, [10, 32, 32, 1]),
    (S, "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "padding": "same", "return_sequences": True}, [None, 16, 16, 3]),
    (S, "ConvLSTM2D", {"filters": 2, "kernel_size": [3, 2], "strides": 2}, [5, 9, 9, 2]),
    (S, "ConvLSTM2D", {"filters": 3, "kernel_size": 3, "dilation_rate": 2, "use_bias": False}, [4, 12, 12, 1]),
    (S, "ConvLSTM2D", {"filters": 3, "kernel_size": 5}, [4, 3, 3, 1]),
    (S, "ConvLSTM1D", {"filters": 8, "kernel_size": 3}, [10, 20, 2]),
    (S, "ConvLSTM1D", {"filters": 4, "kernel_size": 5, "strides": 2, "padding": "same", "return_sequences": True}, [6, 21, 3]),
    (S, "ConvLSTM1D", {"filters": 2, "kernel_size": 3, "dilation_rate": 2}, [3, 15, 1]),
    (S, "ConvLSTM3D", {"filters": 2, "kernel_size": 3}, [4, 8, 8, 8, 1]),
    (S, "ConvLSTM3D", {"filters": 3, "kernel_size": [1, 3, 3], "padding": "same", "return_sequences": True}, [5, 6, 7, 8, 2]),
    (S, "ConvLSTM3D", {"filters": 1, "kernel_size": 2, "strides": 2}, [2, 5, 5, 5, 1]),
    (S, "Bidirectional", {"layer": wrap("LSTM", units=64, return_sequences=True)}, [100, 32]),
    (S, "Bidirectional", {"layer": wrap("GRU", units=8), "merge_mode": "sum"}, [None, 4]),
    (S, "Bidirectional", {"layer": wrap("SimpleRNN", units=5, return_sequences=True), "merge_mode": "mul"}, [7, 3]),
    (S, "Bidirectional", {"layer": wrap("LSTM", units=4), "merge_mode": "ave"}, [6, 2]),
    (S, "Bidirectional", {"layer": wrap("GRU", units=3, reset_after=False, return_sequences=True)}, [5, 2]),
    (S, "Bidirectional", {"layer": wrap("ConvLSTM2D", filters=2, kernel_size=3)}, [3, 8, 8, 1]),
    (S, "Bidirectional", {"layer": wrap("Dense", units=3)}, [5, 2]),
    (S, "Bidirectional", {"layer": wrap("LSTM", units=4, return_sequences=True), "backward_layer": wrap("LSTM", units=4, return_sequences=True, go_backwards=True)}, [5, 2]),
    (S, "Bidirectional", {"layer": wrap("LSTM", units=4, return_sequences=True), "backward_layer": wrap("GRU", units=3, return_sequences=True, go_backwards=True)}, [5, 2]),
    (S, "Bidirectional", {"layer": wrap("LSTM", units=4), "backward_layer": wrap("GRU", units=4, go_backwards=True), "merge_mode": "sum"}, [None, 2]),
    (S, "Bidirectional", {"layer": wrap("LSTM", units=4), "backward_layer": wrap("LSTM", units=4)}, [5, 2]),
    (S, "TimeDistributed", {"layer": wrap("Dense", units=10)}, [20, 32]),
    (S, "TimeDistributed", {"layer": wrap("Conv2D", filters=8, kernel_size=3)}, [5, 28, 28, 1]),
    (S, "TimeDistributed", {"layer": wrap("MaxPooling2D", pool_size=2)}, [None, 8, 8, 3]),
    (S, "TimeDistributed", {"layer": wrap("BatchNormalization")}, [4, 6]),
    (S, "TimeDistributed", {"layer": wrap("Flatten")}, [3, 4, 5]),
    (S, "TimeDistributed", {"layer": wrap("LSTM", units=4)}, [3, 5, 2]),
    (S, "TimeDistributed", {"layer": wrap("Dense", units=3)}, [5]),
    (S, "Masking", {}, [10, 4]),
    (S, "Masking", {"mask_value": -1.0}, [None, 3]),
    (S, "Masking", {}, [5, 6, 7]),
    ("core", "Embedding", {"input_dim": 1000, "output_dim": 64, "mask_zero": True}, [None]),
    ("core", "Embedding", {"input_dim": 20, "output_dim": 4, "mask_zero": True}, [12]),
    ("core", "Embedding", {"input_dim": 1000, "output_dim": 64, "input_length": 10}, [10]),
]



def make(kind, kwargs):
    args = {k: (make(v["class_name"], v["config"]) if isinstance(v, dict) else v) for k, v in kwargs.items()}
    return getattr(keras.layers, kind)(**args)


def run(kind, kwargs, input_shape):
    layer = make(kind, kwargs)
    inputs = keras.Input(shape=input_shape, dtype="int32" if kind == "Embedding" else None)
    out = layer(inputs)
    if "backward_layer" in kwargs:
        # Keras declares 2 x the forward output for concat whatever the backward layer gives; run it.
        data = np.zeros([1] + [3 if d is None else d for d in input_shape], dtype="float32")
        computed = keras.Model(inputs, out).predict(data, verbose=0).shape[1:]
        declared = tuple(3 if d is None else d for d in out.shape[1:])
        if tuple(computed) != declared:
            raise ValueError(f"Keras declares the output {tuple(out.shape)} but computes {(None, *computed)}")
    return figures(layer, out)



def main():
    rows = write_table(OUT, CASES, run)
    for r in rows:
        print(r["kind"], r["args"], r.get("output_shape"), r.get("trainable"), r.get("error", "")[:100])


if __name__ == "__main__":
    main()
