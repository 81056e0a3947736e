"""Keras 3 reference figures for layers with several outputs: return_state=True on the recurrent
layers and ConvLSTM, Bidirectional with merge_mode=None and/or a return_state layer, and recurrent
layers called with initial_state.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/multi_output_fixture.py
Writes test/fixtures/keras/layers-multi-output.json in layers.json's row format, plus
`output_shapes` (every output, in Keras's order) where the layer returns a list. A row with
`input_shapes` calls the layer as layer(inputs[0], initial_state=inputs[1:]).
"""
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from layers_fixture import figures, shape_list, write_table  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "layers-multi-output.json")


def wrap(class_name, **config):
    return {"class_name": class_name, "config": config}


M = "multi-output"
# (family, kind, kwargs, input shape, or [sequence shape, state shapes...] for initial_state)
CASES = [
    (M, "SimpleRNN", {"units": 4, "return_state": True}, [10, 3]),
    (M, "SimpleRNN", {"units": 4, "return_state": True, "return_sequences": True}, [None, 3]),
    (M, "SimpleRNN", {"units": 5, "return_sequences": True}, [[6, 2], [5]]),
    (M, "LSTM", {"units": 8, "return_state": True}, [10, 3]),
    (M, "LSTM", {"units": 8, "return_state": True, "return_sequences": True}, [7, 4]),
    (M, "LSTM", {"units": 6, "return_sequences": True}, [[5, 3], [6], [6]]),
    (M, "LSTM", {"units": 6, "return_state": True, "go_backwards": True}, [[None, 2], [6], [6]]),
    (M, "GRU", {"units": 5, "return_state": True}, [9, 2]),
    (M, "GRU", {"units": 5, "return_state": True, "reset_after": False, "return_sequences": True}, [9, 2]),
    (M, "GRU", {"units": 3}, [[4, 2], [3]]),
    (M, "ConvLSTM1D", {"filters": 4, "kernel_size": 3, "return_state": True}, [5, 6, 2]),
    (M, "ConvLSTM1D", {"filters": 4, "kernel_size": 3, "return_state": True, "return_sequences": True}, [5, 6, 2]),
    (M, "ConvLSTM1D", {"filters": 2, "kernel_size": 3, "padding": "same"}, [[4, 6, 1], [6, 2], [6, 2]]),
    (M, "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "padding": "same", "return_state": True}, [5, 6, 6, 2]),
    (M, "ConvLSTM2D", {"filters": 3, "kernel_size": 3, "strides": 2, "return_state": True, "return_sequences": True}, [3, 9, 9, 1]),
    (M, "ConvLSTM2D", {"filters": 2, "kernel_size": 3}, [[3, 8, 8, 1], [6, 6, 2], [6, 6, 2]]),
    (M, "ConvLSTM3D", {"filters": 2, "kernel_size": 3, "return_state": True}, [3, 5, 5, 5, 1]),
    (M, "ConvLSTM3D", {"filters": 2, "kernel_size": 2, "padding": "same", "return_state": True, "return_sequences": True}, [2, 4, 4, 4, 1]),
    (M, "ConvLSTM3D", {"filters": 1, "kernel_size": 3, "padding": "same"}, [[2, 3, 3, 3, 1], [3, 3, 3, 1], [3, 3, 3, 1]]),
    (M, "Bidirectional", {"layer": wrap("LSTM", units=4), "merge_mode": None}, [6, 3]),
    (M, "Bidirectional", {"layer": wrap("SimpleRNN", units=4, return_sequences=True), "merge_mode": None}, [6, 3]),
    (M, "Bidirectional", {"layer": wrap("GRU", units=6, return_state=True), "merge_mode": None}, [10, 3]),
    (M, "Bidirectional", {"layer": wrap("LSTM", units=6, return_state=True)}, [10, 3]),
    (M, "Bidirectional", {"layer": wrap("LSTM", units=3, return_state=True, return_sequences=True), "merge_mode": "sum"}, [5, 2]),
    (M, "Bidirectional", {"layer": wrap("ConvLSTM2D", filters=2, kernel_size=3, return_state=True), "merge_mode": None}, [3, 6, 6, 1]),
]


def make(kind, kwargs):
    args = {k: (make(v["class_name"], v["config"]) if isinstance(v, dict) else v) for k, v in kwargs.items()}
    return getattr(keras.layers, kind)(**args)


def run(kind, kwargs, input_shape):
    layer = make(kind, kwargs)
    if input_shape and isinstance(input_shape[0], list):
        sequence, *states = [keras.Input(shape=s) for s in input_shape]
        out = layer(sequence, initial_state=states)
    else:
        out = layer(keras.Input(shape=input_shape))
    if not isinstance(out, (list, tuple)):
        return figures(layer, out)
    row = figures(layer, out[0])
    row["output_shapes"] = [shape_list(t.shape[1:]) for t in out]
    return row


def main():
    rows = write_table(OUT, CASES, run)
    for r in rows:
        print(r["kind"], r["args"], r.get("output_shapes") or r.get("output_shape"), r.get("trainable"), r.get("error", "")[:100])


if __name__ == "__main__":
    main()
