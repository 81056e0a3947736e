"""Keras 3's initializers, regularizers and constraints as netspec accepts them in call strings
and mappings: every name keras.<module>.get() resolves (class names, snake_case names, aliases),
each class's constructor keywords with their defaults, and the public attribute names
(keras.initializers.HeNormal, keras.regularizers.l2, ...), and the names get() refuses.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/argument_objects_fixture.py
Writes test/fixtures/keras/objects/argument-objects.json.
"""
import inspect
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras.src import constraints, initializers, regularizers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "objects", "argument-objects.json")
MODULES = {"initializers": initializers, "regularizers": regularizers, "constraints": constraints}
BASES = {"Initializer", "Regularizer", "Constraint"}


def plain(value):
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value if isinstance(value, (int, float, str, bool, type(None))) else repr(value)


def keywords(cls):
    params = inspect.signature(cls.__init__).parameters.values()
    return {
        p.name: (plain(p.default) if p.default is not inspect.Parameter.empty else "<required>")
        for p in params
        if p.name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    }


def main():
    out = {"keras_version": keras.__version__}
    for module_name, module in MODULES.items():
        public = getattr(keras, module_name)
        classes = {}
        names = {}
        for name, cls in sorted(module.ALL_OBJECTS_DICT.items()):
            if cls.__name__ in BASES:
                continue
            names[name] = cls.__name__
            classes[cls.__name__] = keywords(cls)
        attributes = {
            attr: getattr(public, attr).__name__
            for attr in sorted(dir(public))
            if inspect.isclass(getattr(public, attr)) and getattr(public, attr).__name__ in classes
        }
        # get() with a name, as a layer does with kernel_initializer="he_normal": the names it
        # refuses (a class that needs an argument, such as Constant) are recorded with its message.
        refused = {}
        for name in names:
            try:
                built = public.get(name)
                assert type(built).__name__ == names[name], (module_name, name)
            except Exception as err:  # noqa: BLE001 - Keras's own refusal is the fixture
                refused[name] = f"{type(err).__name__}: {err}"
        out[module_name] = {"classes": classes, "names": names, "attributes": attributes, "refused_by_name": refused}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print({m: len(out[m]["names"]) for m in MODULES})


if __name__ == "__main__":
    main()
