"""Keras 3 outputs of small recurrent models with fixed weights, for netspec's compiled tfjs models.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/sequence_numeric_fixture.py
Writes test/fixtures/keras/sequence-numeric.json: per case the netspec steps (Keras call strings),
the input, every layer's weights in Keras's get_weights() order (flat, with shapes) and Keras's
output. Weights and inputs are smooth deterministic functions, so the case needs no random seed.
"""
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "sequence-numeric.json")

# (name, steps as netspec call strings == Keras code, input shape, time steps to zero for masking)
CASES = [
    ("SimpleRNN sequences", ["SimpleRNN(3, return_sequences=True)"], (5, 2), None),
    ("LSTM last step", ["LSTM(4)"], (6, 3), None),
    ("LSTM backwards sequences", ["LSTM(3, go_backwards=True, return_sequences=True)"], (4, 2), None),
    ("GRU reset_after", ["GRU(4)"], (5, 3), None),
    ("GRU reset_before sequences", ["GRU(3, reset_after=False, return_sequences=True)"], (4, 2), None),
    ("GRU reset_after backwards", ["GRU(3, go_backwards=True, return_sequences=True)"], (4, 2), None),
    ("GRU reset_after relu no bias", ["GRU(3, activation='relu', use_bias=False)"], (4, 2), None),
    ("Bidirectional LSTM concat", ["Bidirectional(LSTM(3, return_sequences=True))"], (5, 2), None),
    ("Bidirectional GRU ave", ["Bidirectional(GRU(3), merge_mode='ave')"], (5, 2), None),
    ("Bidirectional SimpleRNN mul", ["Bidirectional(SimpleRNN(2, return_sequences=True), merge_mode='mul')"], (4, 3), None),
    ("ConvLSTM2D same", ["ConvLSTM2D(2, 3, padding='same')"], (3, 5, 5, 1), None),
    ("ConvLSTM2D sequences strided", ["ConvLSTM2D(2, 2, strides=2, return_sequences=True)"], (2, 5, 5, 2), None),
    ("ConvLSTM1D", ["ConvLSTM1D(2, 3)"], (3, 7, 2), None),
    ("ConvLSTM3D same", ["ConvLSTM3D(2, 2, padding='same')"], (3, 4, 4, 4, 1), None),
    ("ConvLSTM3D strided backwards sequences", ["ConvLSTM3D(2, (1, 2, 2), strides=2, return_sequences=True, go_backwards=True)"], (2, 3, 5, 5, 2), None),
    ("ConvLSTM3D dilated no bias", ["ConvLSTM3D(3, 2, dilation_rate=2, use_bias=False, activation='relu')"], (2, 5, 5, 5, 1), None),
    ("TimeDistributed Dense", ["TimeDistributed(Dense(3))"], (4, 5), None),
    ("Masking LSTM", ["Masking()", "LSTM(3, return_sequences=True)"], (5, 2), [3, 4]),
    ("Masking GRU reset_after", ["Masking()", "GRU(3)"], (5, 2), [1, 4]),
]


def evaluate(call):
    """A Keras call string evaluated with the layer classes in scope (this script's own strings only)."""
    names = {n: getattr(layers, n) for n in dir(layers) if n[:1].isupper()}
    return eval(call, {"__builtins__": {}}, {**names, "True": True, "False": False, "None": None})  # noqa: S307


def smooth(size, phase):
    return 0.5 * np.sin(np.arange(size) * 0.37 + phase)


def main():
    cases = []
    for name, steps, shape, masked in CASES:
        inputs = keras.Input(shape=shape)
        x = inputs
        built = []
        for step in steps:
            layer = evaluate(step)
            x = layer(x)
            built.append(layer)
        model = keras.Model(inputs, x)
        weights = []
        phase = 0.0
        for layer in built:
            own = []
            for w in layer.get_weights():
                phase += 1.0
                values = smooth(w.size, phase).astype("float32")
                own.append({"shape": list(w.shape), "values": values.tolist()})
            layer.set_weights([np.array(w["values"], dtype="float32").reshape(w["shape"]) for w in own])
            weights.append(own)
        data = np.cos(np.arange(2 * int(np.prod(shape))) * 0.21).reshape((2, *shape)).astype("float32")
        if masked:
            data[:, masked] = 0.0
        output = model.predict(data, verbose=0)
        cases.append({"name": name, "steps": steps, "input_shape": list(shape), "input": data.tolist(), "weights": weights, "output": np.asarray(output).tolist()})
    with open(OUT, "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": cases}, f)
        f.write("\n")
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
