"""Keras 3 figures of the attention examples (examples/attention/*.yaml), built here the same way.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/attention_examples_fixture.py
Writes test/fixtures/keras/attention-examples.json: per model, total / trainable / non-trainable
parameters, the output shape, and every layer's name, class, output shape (its first call) and
parameter count. Layers are named as netspec names the steps, so the test matches them by name.
"""
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "attention-examples.json")


def report_question_attention(question_tokens=16, report_tokens=120, vocab=2000, dim=64, filters=100):
    """The query-value attention example of keras.layers.Attention's documentation, fixed lengths."""
    question = keras.Input(shape=(question_tokens,), dtype="int32", name="question")
    report = keras.Input(shape=(report_tokens,), dtype="int32", name="report")
    token_embedding = layers.Embedding(input_dim=vocab, output_dim=dim, name="question_embeddings")
    cnn_layer = layers.Conv1D(filters=filters, kernel_size=4, padding="same", name="question_encoding")
    question_encoding = cnn_layer(token_embedding(question))
    report_encoding = cnn_layer(token_embedding(report))
    attended = layers.Attention(name="question_report_attention")([question_encoding, report_encoding])
    question_vector = layers.GlobalAveragePooling1D(name="question_vector")(question_encoding)
    attention_vector = layers.GlobalAveragePooling1D(name="attention_vector")(attended)
    features = layers.Concatenate(name="features")([question_vector, attention_vector])
    answer = layers.Dense(1, activation="sigmoid", name="answer")(features)
    return keras.Model([question, report], answer, name="report_question_attention")


def eeg_attention_pooling(samples=3000, stages=5):
    inputs = keras.Input(shape=(samples, 1))
    x = layers.Conv1D(32, 50, strides=6, activation="relu")(inputs)
    x = layers.MaxPooling1D(8)(x)
    x = layers.Conv1D(64, 8, padding="same", activation="relu")(x)
    x = layers.MaxPooling1D(4)(x)
    steps = layers.Bidirectional(layers.GRU(32, return_sequences=True), name="steps")(x)
    x = layers.AdditiveAttention(name="attended")([steps, steps])
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(stages, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="eeg_attention_pooling")


def lesion_similarity(size=64, embedding=32):
    first = keras.Input(shape=(size, size, 3), name="first")
    second = keras.Input(shape=(size, size, 3), name="second")
    # netspec's block instance `first_embedding`, called again on the second patch with `use:`.
    encoder = [
        layers.Conv2D(16, 3, activation="relu", name="first_embedding.conv2d"),
        layers.MaxPooling2D(name="first_embedding.max_pooling2d"),
        layers.Conv2D(32, 3, activation="relu", name="first_embedding.conv2d_1"),
        layers.MaxPooling2D(name="first_embedding.max_pooling2d_1"),
        layers.Conv2D(64, 3, activation="relu", name="first_embedding.conv2d_2"),
        layers.GlobalAveragePooling2D(name="first_embedding.global_average_pooling2d"),
        layers.Dense(embedding, name="first_embedding.dense"),
    ]

    def encode(x):
        for layer in encoder:
            x = layer(x)
        return x

    cosine = layers.Dot(axes=1, normalize=True, name="cosine")([encode(first), encode(second)])
    same = layers.Dense(1, activation="sigmoid", name="same_lesion")(cosine)
    return keras.Model([first, second], same, name="lesion_similarity")


def figures(model):
    def count(weights):
        return sum(int(w.numpy().size) for w in weights)

    def shape(tensor):
        return [None if d is None else int(d) for d in tensor.shape[1:]]

    return {
        "params": model.count_params(),
        "trainable": count(model.trainable_weights),
        "non_trainable": count(model.non_trainable_weights),
        "output_shape": shape(model.outputs[0]),
        "layers": [
            {"name": l.name, "class_name": type(l).__name__, "output_shape": shape(l._inbound_nodes[0].output_tensors[0]), "params": l.count_params()}
            for l in model.layers
            if not isinstance(l, layers.InputLayer)
        ],
    }


def main():
    builders = {
        "report-question-attention": report_question_attention,
        "eeg-attention-pooling": eeg_attention_pooling,
        "lesion-similarity": lesion_similarity,
    }
    models = {}
    for name, build in builders.items():
        # Automatic names (conv1d, conv1d_1, …) start afresh per model, as netspec's do per spec.
        keras.utils.clear_session()
        models[name] = figures(build())
    with open(OUT, "w") as f:
        json.dump({"keras_version": keras.__version__, "models": models}, f, indent=1)
        f.write("\n")
    for name, fig in models.items():
        print(name, fig["params"], fig["trainable"], fig["non_trainable"], fig["output_shape"])


if __name__ == "__main__":
    main()
