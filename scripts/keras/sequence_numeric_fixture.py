"""Keras 3 outputs of small recurrent models with fixed weights, for netspec's compiled tfjs models.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/sequence_numeric_fixture.py
Writes test/fixtures/keras/sequence-numeric.json: per case the netspec steps (Keras call strings),
the input, every layer's weights in Keras's get_weights() order (flat, with shapes) and Keras's
output; and the models Keras builds but fails to run (a mask into ConvLSTM), with Keras's error. Weights and inputs are smooth deterministic functions, so the case needs no random seed.
"""
import json
import os
import re
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
    # Keras's mask propagation: Conv1D and pooling drop the mask (supports_masking is False), so
    # the recurrent layers after them see every step; Dense, LayerNormalization, activations and a
    # recurrent layer with return_sequences pass it on.
    ("Masking Conv1D LSTM: the mask ends at Conv1D", ["Masking()", "Conv1D(3, 1)", "LSTM(3)"], (5, 2), [3, 4]),
    (
        "Masking Conv1D MaxPooling1D Bidirectional LSTMs: no mask reaches them",
        ["Masking()", "Conv1D(4, 3, padding='same', activation='relu')", "MaxPooling1D(2)", "Bidirectional(LSTM(3, return_sequences=True))", "Bidirectional(LSTM(2))"],
        (8, 2),
        [5, 6, 7],
    ),
    ("Masking Dense LSTM: the mask passes Dense", ["Masking()", "Dense(3)", "LSTM(3)"], (5, 2), [3, 4]),
    ("Masking LSTM sequences GRU: the mask passes return_sequences", ["Masking()", "LSTM(3, return_sequences=True)", "GRU(2)"], (5, 2), [2, 4]),
    ("Masking LayerNormalization LeakyReLU SimpleRNN", ["Masking()", "LayerNormalization()", "LeakyReLU()", "SimpleRNN(2)"], (5, 3), [0, 3]),
    ("Masking mask_value -1 Conv1D GRU: masked steps set to 0", ["Masking(-1.0)", "Conv1D(2, 2)", "GRU(2)"], (5, 2), [1, 2]),
]

# Models Keras builds and then fails to run: netspec's compile refuses them (the error text is kept).
FAILING = [
    ("Masking ConvLSTM1D", ["Masking()", "ConvLSTM1D(2, 2)"], (4, 5, 2), [2, 3]),
    ("Masking ConvLSTM2D", ["Masking()", "ConvLSTM2D(2, 2)"], (3, 4, 4, 1), [2]),
]


def evaluate(call):
    """A Keras call string evaluated with the layer classes in scope (this script's own strings only)."""
    names = {n: getattr(layers, n) for n in dir(layers) if n[:1].isupper()}
    return eval(call, {"__builtins__": {}}, {**names, "True": True, "False": False, "None": None})  # noqa: S307


def masked_value(steps):
    """The value a case's padded steps hold: its Masking's mask_value."""
    first = evaluate(steps[0])
    return first.mask_value if isinstance(first, layers.Masking) else 0.0


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
            data[:, masked] = masked_value(steps)
        output = model.predict(data, verbose=0)
        cases.append({"name": name, "steps": steps, "input_shape": list(shape), "input": data.tolist(), "weights": weights, "output": np.asarray(output).tolist()})
    failing = []
    for name, steps, shape, masked in FAILING:
        inputs = keras.Input(shape=shape)
        x = inputs
        for step in steps:
            x = evaluate(step)(x)
        data = np.ones((2, *shape), dtype="float32")
        data[:, masked] = masked_value(steps)
        try:
            keras.Model(inputs, x).predict(data, verbose=0)
            raise SystemExit(f"{name}: Keras ran it; it belongs in CASES")
        except ValueError as err:
            lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in str(err).splitlines() if line.strip()]
            failing.append({"name": name, "steps": steps, "input_shape": list(shape), "error": " ".join(lines[:2])})
    with open(OUT, "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": cases, "failing": failing}, f)
        f.write("\n")
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
