"""Keras 3 figures of the sequence examples (examples/sequence/*.yaml), built here the same way.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/sequence_examples_fixture.py
Writes test/fixtures/keras/sequence-examples.json: per model, total / trainable / non-trainable
parameters and every layer's name, output shape and parameter count; and each model's
to_json() in test/fixtures/keras/sequence-import/ for the import test.
"""
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "sequence-examples.json")
# model.to_json() of each model, for `netspec import` (Bidirectional and TimeDistributed configs nest a layer).
JSON_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "sequence-import")


def ecg_bilstm(samples=187, classes=5):
    inputs = keras.Input(shape=(samples, 1))
    x = layers.Masking(mask_value=0.0)(inputs)
    x = layers.Conv1D(32, 5, padding="same", activation="relu")(x)
    x = layers.MaxPooling1D(2)(x)
    x = layers.Bidirectional(layers.LSTM(64, return_sequences=True), name="bilstm1")(x)
    x = layers.Bidirectional(layers.LSTM(32), name="bilstm2")(x)
    x = layers.Dropout(0.3)(x)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="ecg_bilstm")


def echo_video_cnn_lstm(frames=16, size=64):
    inputs = keras.Input(shape=(frames, size, size, 1))
    x = layers.TimeDistributed(layers.Conv2D(16, 3, activation="relu"))(inputs)
    x = layers.TimeDistributed(layers.MaxPooling2D(2))(x)
    x = layers.TimeDistributed(layers.Conv2D(32, 3, activation="relu"))(x)
    x = layers.TimeDistributed(layers.GlobalAveragePooling2D())(x)
    x = layers.GRU(32)(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="echo_video_cnn_lstm")


def figures(model):
    def count(weights):
        return sum(int(w.numpy().size) for w in weights)

    return {
        "params": model.count_params(),
        "trainable": count(model.trainable_weights),
        "non_trainable": count(model.non_trainable_weights),
        "layers": [
            {"name": l.name, "class_name": type(l).__name__, "output_shape": [None if d is None else int(d) for d in l.output.shape[1:]], "params": l.count_params()}
            for l in model.layers
        ],
    }


def main():
    models = {"ecg-bilstm": ecg_bilstm(), "echo-video-cnn-lstm": echo_video_cnn_lstm()}
    result = {"keras_version": keras.__version__, "models": {name: figures(m) for name, m in models.items()}}
    os.makedirs(JSON_DIR, exist_ok=True)
    for name, model in models.items():
        with open(os.path.join(JSON_DIR, f"{name}.json"), "w") as f:
            f.write(model.to_json(indent=1))
            f.write("\n")
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    for name, fig in result["models"].items():
        print(name, fig["params"], fig["trainable"], fig["non_trainable"])


if __name__ == "__main__":
    main()
