"""Exhaustive conv / transposed-conv output lengths from Keras 3's own shape functions.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/conv_grid_fixture.py
Writes test/fixtures/keras/conv-grid.json:
  conv:      rows [n, k, s, d, padding, out]  (out null: Keras raises "output size would be zero or negative")
  transpose: rows [n, k, s, d, padding, output_padding, out]  (output_padding null: inferred)
Combinations Keras rejects outright (strides > 1 with dilation_rate > 1) are skipped.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras.src.backend.common.backend_utils import compute_conv_transpose_output_shape  # noqa: E402
from keras.src.ops.operation_utils import compute_conv_output_shape  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "conv-grid.json")


def combos(max_s=4, max_d=3):
    for s in range(1, max_s + 1):
        for d in range(1, max_d + 1):
            if s > 1 and d > 1:
                continue
            yield s, d


def conv_rows():
    rows = []
    for n in range(1, 41):
        for k in range(1, 8):
            for s, d in combos():
                for padding in ("valid", "same", "causal"):
                    try:
                        shape = compute_conv_output_shape((None, n, 1), 1, (k,), strides=s, padding=padding, dilation_rate=d)
                        out = int(shape[1])
                    except ValueError:
                        out = None
                    rows.append([n, k, s, d, padding, out])
    return rows


def transpose_rows():
    rows = []
    for n in range(1, 21):
        for k in range(1, 8):
            for s, d in combos():
                for padding in ("valid", "same"):
                    for op in [None, *range(s)]:
                        shape = compute_conv_transpose_output_shape(
                            (None, n, 1), (k,), 1, (s,), padding, None if op is None else (op,), "channels_last", (d,)
                        )
                        out = shape[1]
                        rows.append([n, k, s, d, padding, op, None if out is None or out <= 0 else int(out)])
    return rows


def main():
    data = {"keras_version": keras.__version__, "conv": conv_rows(), "transpose": transpose_rows()}
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
    print(f"conv {len(data['conv'])} rows, transpose {len(data['transpose'])} rows -> {OUT}")


if __name__ == "__main__":
    main()
