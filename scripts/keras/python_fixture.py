"""Runs every test/fixtures/keras/python/*.py in real Keras and records, for the model each file leaves
in its `model` variable, every layer's class, output shape(s) and weight counts, plus the totals.
netspec reads the same files without running them (src/keras/python) and must reproduce these figures.

Data loading and training are replaced by stand-ins (no network, no training time); `tensorflow` is an
alias of keras so `tf.keras.…` notebook code runs on the JAX backend.

    KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/python_fixture.py
"""
import glob
import json
import os
import runpy
import sys
import types

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "keras", "python")

# Stand-ins: data without downloading, fit/evaluate without training, plots without a display.
keras.datasets.mnist.load_data = lambda: ((np.zeros((4, 28, 28), "uint8"), np.zeros((4,), "uint8")),) * 2
keras.Model.fit = lambda self, *a, **k: types.SimpleNamespace(history={"loss": [0.0]})
keras.Model.evaluate = lambda self, *a, **k: [0.0, 0.0]
keras.Model.summary = lambda self, *a, **k: None
tf = types.ModuleType("tensorflow")
tf.keras = keras
tf.nn = types.SimpleNamespace(relu="relu")
# Keras asks whether TensorFlow is present; the stand-in answers its type checks with classes nothing is an instance of.
for type_name in ("TensorShape", "Tensor", "RaggedTensor", "SparseTensor", "Variable", "TensorSpec"):
    setattr(tf, type_name, type(type_name, (), {}))
TF_MODULES = {"tensorflow": tf, "tensorflow.keras": keras, "tensorflow.keras.layers": keras.layers}
plt = types.ModuleType("matplotlib.pyplot")
plt.plot = plt.title = plt.show = lambda *a, **k: None
sys.modules["matplotlib"] = types.ModuleType("matplotlib")
sys.modules["matplotlib.pyplot"] = plt


def count(weights):
    return int(sum(int(np.prod(w.shape)) for w in weights))


def shape_list(shape):
    return [None if d is None else int(d) for d in shape[1:]]


def record(model):
    layers = []
    for layer in model.layers:
        outputs = [node.output_tensors for node in layer._inbound_nodes]
        shapes = []
        for out in outputs:
            tensors = out if isinstance(out, (list, tuple)) else [out]
            shapes.append([shape_list(t.shape) for t in tensors][0])
        layers.append({
            "name": layer.name,
            "class": layer.__class__.__name__,
            # A Sequential calls each layer once; Keras re-traces it (more nodes) when it builds the model.
            "calls": 1 if isinstance(model, keras.Sequential) else len(layer._inbound_nodes),
            "output_shapes": shapes[:1] if isinstance(model, keras.Sequential) else shapes,
            "trainable": count(layer.trainable_weights),
            "non_trainable": count(layer.non_trainable_weights),
        })
    return {
        "model": model.name,
        "layers": layers,
        "trainable": count(model.trainable_weights),
        "non_trainable": count(model.non_trainable_weights),
    }


def main():
    out = {}
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.py"))):
        keras.backend.clear_session()
        # The TensorFlow stand-in only while a file that imports tensorflow runs.
        uses_tf = "tensorflow" in open(path).read()
        if uses_tf:
            sys.modules.update(TF_MODULES)
        try:
            scope = runpy.run_path(path, run_name="__main__")
        finally:
            for name in TF_MODULES if uses_tf else ():
                sys.modules.pop(name, None)
        out[os.path.basename(path)] = record(scope["model"])
    target = os.path.join(FIXTURES, "keras-figures.json")
    with open(target, "w") as f:
        json.dump({"keras_version": keras.__version__, "files": out}, f, indent=1)
        f.write("\n")
    print(f"wrote {target} ({len(out)} files)")


if __name__ == "__main__":
    main()
