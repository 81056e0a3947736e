"""Runs Keras modules written by `netspec compile --emit keras` and records what Keras built.

Usage: KERAS_BACKEND=jax python scripts/keras/run_emitted.py manifest.json results.json
manifest.json: [{"id": ..., "module": "/path/model.py"}, ...]. For each module, build_model() is
called once (fresh weights) and every layer is recorded: class, the output shape of each call
(a shared layer has several), trainable and non-trainable weight counts; or the error Keras raised.
One Python process for all models: importing Keras and JAX takes longer than most models.
"""
import importlib.util
import json
import sys
import time
import traceback

import keras
import numpy as np


def zero_initializers():
    """Fresh weights as zeros: shapes and counts are what is compared, and under JAX drawing
    random weights compiles one XLA program per weight shape (48 of ResNet-50's 60 s of building
    on this machine; 5 s with zeros). The layers, their build() and shape inference are Keras's own."""
    from keras.src.backend.jax import random as jax_random

    def zeros(shape, *args, **kwargs):
        return np.zeros(tuple(int(d) for d in shape), dtype=kwargs.get("dtype") or "float32")

    for name in ("uniform", "normal", "truncated_normal"):
        setattr(jax_random, name, zeros)


def size(weights):
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= int(d)
        total += n
    return total


def describe(model):
    rows = []
    for layer in model.layers:
        calls = []
        for node in layer._inbound_nodes:
            calls.append([list(t.shape)[1:] for t in node.output_tensors])
        rows.append({
            "name": layer.name,
            "class": type(layer).__name__,
            "calls": calls,
            "trainable": size(layer.trainable_weights),
            "non_trainable": size(layer.non_trainable_weights),
        })
    return {"layers": rows, "total_params": model.count_params()}


def run(entry):
    started = time.time()
    try:
        spec = importlib.util.spec_from_file_location(f"emitted_{entry['id']}", entry["module"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        result = describe(module.build_model())
    except Exception as err:  # noqa: BLE001 - every failure is a result to report, not a crash
        last = traceback.format_exception_only(type(err), err)[-1].strip()
        result = {"error": last[:2000]}
    keras.backend.clear_session()
    result["seconds"] = round(time.time() - started, 2)
    return result


if __name__ == "__main__":
    if keras.backend.backend() == "jax":
        zero_initializers()
    manifest = json.load(open(sys.argv[1]))
    results = {}
    for entry in manifest:
        results[entry["id"]] = run(entry)
        print(f"  ran {entry['id']} ({results[entry['id']]['seconds']} s)", file=sys.stderr, flush=True)
    with open(sys.argv[2], "w") as out:
        json.dump({"keras_version": keras.__version__, "results": results}, out)
