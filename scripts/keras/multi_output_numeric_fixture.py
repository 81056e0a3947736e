"""Keras 3 outputs of small models whose layers have several outputs (return_state=True,
Bidirectional merge_mode=None, initial_state), with fixed weights, for netspec's compiled tfjs models.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/multi_output_numeric_fixture.py
Writes test/fixtures/keras/multi-output-numeric.json: per case the netspec spec (the same model),
the inputs, every layer's weights in Keras's get_weights() order (layers in the spec's order) and
Keras's outputs, every model output in order. Weights and inputs are smooth deterministic functions.
"""
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "multi-output-numeric.json")


def one_layer(layer, shape):
    """A model of one layer on one input: every output of the layer is a model output."""
    def build():
        x = keras.Input(shape=shape)
        return keras.Model(x, layer(x)), [x], [layer]
    return build


def seq2seq():
    enc_in, dec_in = keras.Input((6, 3)), keras.Input((5, 2))
    enc = layers.LSTM(4, return_state=True)
    dec = layers.LSTM(4, return_sequences=True)
    _, h, c = enc(enc_in)
    y = dec(dec_in, initial_state=[h, c])
    return keras.Model([enc_in, dec_in], [y, h]), [enc_in, dec_in], [enc, dec]


def gru_initial(reset_after):
    def build():
        x, h0 = keras.Input((5, 2)), keras.Input((3,))
        gru = layers.GRU(3, reset_after=reset_after, return_state=True, return_sequences=True)
        return keras.Model([x, h0], gru(x, initial_state=[h0])), [x, h0], [gru]
    return build


def conv_lstm3d_initial():
    x, h0, c0 = keras.Input((2, 3, 3, 3, 1)), keras.Input((3, 3, 3, 2)), keras.Input((3, 3, 3, 2))
    layer = layers.ConvLSTM3D(2, 2, padding="same", return_state=True)
    return keras.Model([x, h0, c0], layer(x, initial_state=[h0, c0])), [x, h0, c0], [layer]


def bidirectional_initial(inner, states):
    def build():
        x = keras.Input((5, 2))
        given = [keras.Input((3,)) for _ in range(2 * states)]
        layer = layers.Bidirectional(inner, merge_mode=None)
        return keras.Model([x, *given], layer(x, initial_state=given)), [x, *given], [layer]
    return build


def conv_lstm_initial(layer, shape, state):
    def build():
        x, h0, c0 = keras.Input(shape), keras.Input(state), keras.Input(state)
        return keras.Model([x, h0, c0], layer(x, initial_state=[h0, c0])), [x, h0, c0], [layer]
    return build


# (name, netspec spec, Keras model builder)
CASES = [
    ("LSTM return_state", "input: [6, 3]\nlayers:\n  - LSTM(4, return_state=True)\n", one_layer(layers.LSTM(4, return_state=True), (6, 3))),
    (
        "GRU reset_after return_state sequences",
        "input: [5, 2]\nlayers:\n  - GRU(3, return_state=True, return_sequences=True)\n",
        one_layer(layers.GRU(3, return_state=True, return_sequences=True), (5, 2)),
    ),
    ("SimpleRNN return_state backwards", "input: [5, 2]\nlayers:\n  - SimpleRNN(3, return_state=True, go_backwards=True)\n", one_layer(layers.SimpleRNN(3, return_state=True, go_backwards=True), (5, 2))),
    (
        "seq2seq: encoder states start the decoder",
        "inputs: {enc_in: [6, 3], dec_in: [5, 2]}\nlayers:\n  - {lstm: {units: 4, return_state: true}, name: enc, inputs: [enc_in]}\n"
        "  - lstm: {units: 4, return_sequences: true}\n    inputs: [dec_in, 'enc[1]', 'enc[2]']\n    name: dec\noutputs: [dec, 'enc[1]']\n",
        seq2seq,
    ),
    ("GRU reset_after initial_state", "inputs: {x: [5, 2], h0: [3]}\nlayers:\n  - {gru: {units: 3, return_state: true, return_sequences: true}, inputs: [x, h0]}\n", gru_initial(True)),
    ("GRU reset_before initial_state", "inputs: {x: [5, 2], h0: [3]}\nlayers:\n  - {gru: {units: 3, reset_after: false, return_state: true, return_sequences: true}, inputs: [x, h0]}\n", gru_initial(False)),
    (
        "Bidirectional LSTM merge_mode=None sequences",
        "input: [5, 2]\nlayers:\n  - Bidirectional(LSTM(3, return_sequences=True), merge_mode=None)\n",
        one_layer(layers.Bidirectional(layers.LSTM(3, return_sequences=True), merge_mode=None), (5, 2)),
    ),
    (
        "Bidirectional GRU return_state concat",
        "input: [5, 2]\nlayers:\n  - Bidirectional(GRU(3, return_state=True))\n",
        one_layer(layers.Bidirectional(layers.GRU(3, return_state=True)), (5, 2)),
    ),
    (
        "Bidirectional LSTM return_state merge_mode=None",
        "input: [4, 2]\nlayers:\n  - Bidirectional(LSTM(2, return_state=True), merge_mode=None)\n",
        one_layer(layers.Bidirectional(layers.LSTM(2, return_state=True), merge_mode=None), (4, 2)),
    ),
    ("ConvLSTM2D return_state", "input: [3, 5, 5, 1]\nlayers:\n  - ConvLSTM2D(2, 3, return_state=True)\n", one_layer(layers.ConvLSTM2D(2, 3, return_state=True), (3, 5, 5, 1))),
    (
        "ConvLSTM1D return_state sequences",
        "input: [3, 7, 2]\nlayers:\n  - ConvLSTM1D(2, 3, return_state=True, return_sequences=True)\n",
        one_layer(layers.ConvLSTM1D(2, 3, return_state=True, return_sequences=True), (3, 7, 2)),
    ),
    (
        "ConvLSTM3D initial_state return_state",
        "inputs: {x: [2, 3, 3, 3, 1], h0: [3, 3, 3, 2], c0: [3, 3, 3, 2]}\nlayers:\n  - {conv_lstm3d: {filters: 2, kernel_size: 2, padding: same, return_state: true}, inputs: [x, h0, c0]}\n",
        conv_lstm3d_initial,
    ),
    (
        "ConvLSTM2D initial_state return_state",
        "inputs: {x: [3, 6, 6, 1], h0: [4, 4, 2], c0: [4, 4, 2]}\nlayers:\n"
        "  - {conv_lstm2d: {filters: 2, kernel_size: 3, return_state: true, return_sequences: true}, inputs: [x, h0, c0]}\n",
        conv_lstm_initial(layers.ConvLSTM2D(2, 3, return_state=True, return_sequences=True), (3, 6, 6, 1), (4, 4, 2)),
    ),
    (
        "ConvLSTM1D initial_state strided",
        "inputs: {x: [3, 9, 2], h0: [4, 3], c0: [4, 3]}\nlayers:\n  - {conv_lstm1d: {filters: 3, kernel_size: 3, strides: 2}, inputs: [x, h0, c0]}\n",
        conv_lstm_initial(layers.ConvLSTM1D(3, 3, strides=2), (3, 9, 2), (4, 3)),
    ),
    (
        "Bidirectional LSTM initial_state",
        "inputs: {x: [5, 2], fh: [3], fc: [3], bh: [3], bc: [3]}\nlayers:\n"
        "  - {bidirectional: {layer: 'LSTM(3, return_sequences=True)', merge_mode: null}, inputs: [x, fh, fc, bh, bc]}\n",
        bidirectional_initial(layers.LSTM(3, return_sequences=True), 2),
    ),
    (
        "Bidirectional GRU reset_after initial_state",
        "inputs: {x: [5, 2], fh: [3], bh: [3]}\nlayers:\n  - {bidirectional: {layer: 'GRU(3)', merge_mode: null}, inputs: [x, fh, bh]}\n",
        bidirectional_initial(layers.GRU(3), 1),
    ),
]


def smooth(size, phase):
    return 0.5 * np.sin(np.arange(size) * 0.37 + phase)


def main():
    cases = []
    for name, spec, build in CASES:
        model, inputs, built = build()
        weights = []
        phase = 0.0
        for layer in built:
            own = []
            for w in layer.get_weights():
                phase += 1.0
                own.append({"shape": list(w.shape), "values": smooth(w.size, phase).astype("float32").tolist()})
            layer.set_weights([np.array(w["values"], dtype="float32").reshape(w["shape"]) for w in own])
            weights.append(own)
        data = []
        for k, x in enumerate(inputs):
            shape = (2, *x.shape[1:])
            data.append(np.cos(np.arange(int(np.prod(shape))) * 0.21 + k).reshape(shape).astype("float32"))
        outputs = model.predict(data, verbose=0)
        outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        cases.append({"name": name, "spec": spec, "inputs": [d.tolist() for d in data], "weights": weights, "outputs": [np.asarray(o).tolist() for o in outputs]})
    with open(OUT, "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": cases}, f)
        f.write("\n")
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
