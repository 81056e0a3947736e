"""Per-layer Keras oracle for netspec's model library.

Builds every keras.applications model the library covers (weights=None,
include_top=True, 1000 classes, default input size) plus LeNet-5, AlexNet and
U-Net built by hand, and writes test/fixtures/keras/apps/<spec_name>.json:
totals, the layer classes used, and one line per layer with its output shape
(no batch dimension), parameter counts, inbound layer names and the
shape-relevant part of its config.

Run from the repository root:
    KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/apps_fixture.py [spec_name ...]
"""
import json
import math
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "apps"))

import keras  # noqa: E402
import numpy as np  # noqa: E402

import classic_models  # noqa: E402

OUT_DIR = os.path.join("test", "fixtures", "keras", "apps")
apps = keras.applications

# spec name -> (display name, builder). Defaults everywhere except where the
# default input has unknown spatial size (MobileNetV3): there 224x224x3, which
# changes no parameter count.
MODELS = {
    "lenet5": ("LeNet5", classic_models.lenet5),
    "alexnet": ("AlexNet", classic_models.alexnet),
    "vgg16": ("VGG16", lambda: apps.VGG16(weights=None)),
    "vgg19": ("VGG19", lambda: apps.VGG19(weights=None)),
    "resnet50": ("ResNet50", lambda: apps.ResNet50(weights=None)),
    "resnet101": ("ResNet101", lambda: apps.ResNet101(weights=None)),
    "resnet152": ("ResNet152", lambda: apps.ResNet152(weights=None)),
    "resnet50v2": ("ResNet50V2", lambda: apps.ResNet50V2(weights=None)),
    "resnet101v2": ("ResNet101V2", lambda: apps.ResNet101V2(weights=None)),
    "resnet152v2": ("ResNet152V2", lambda: apps.ResNet152V2(weights=None)),
    "inception_v3": ("InceptionV3", lambda: apps.InceptionV3(weights=None)),
    "inception_resnet_v2": ("InceptionResNetV2", lambda: apps.InceptionResNetV2(weights=None)),
    "xception": ("Xception", lambda: apps.Xception(weights=None)),
    "mobilenet": ("MobileNet", lambda: apps.MobileNet(weights=None, alpha=1.0, input_shape=(224, 224, 3))),
    "mobilenet_v2": ("MobileNetV2", lambda: apps.MobileNetV2(weights=None)),
    "mobilenet_v3_small": ("MobileNetV3Small", lambda: apps.MobileNetV3Small(weights=None, input_shape=(224, 224, 3))),
    "mobilenet_v3_large": ("MobileNetV3Large", lambda: apps.MobileNetV3Large(weights=None, input_shape=(224, 224, 3))),
    "densenet121": ("DenseNet121", lambda: apps.DenseNet121(weights=None)),
    "densenet169": ("DenseNet169", lambda: apps.DenseNet169(weights=None)),
    "densenet201": ("DenseNet201", lambda: apps.DenseNet201(weights=None)),
    "nasnet_mobile": ("NASNetMobile", lambda: apps.NASNetMobile(weights=None)),
    "nasnet_large": ("NASNetLarge", lambda: apps.NASNetLarge(weights=None)),
    **{
        f"efficientnet_b{k}": (f"EfficientNetB{k}", (lambda k=k: getattr(apps, f"EfficientNetB{k}")(weights=None)))
        for k in range(8)
    },
    "unet": ("UNet", classic_models.unet),
    **{
        f"convnext_{size}": (f"ConvNeXt{size.capitalize() if size != 'xlarge' else 'XLarge'}",
                             (lambda size=size: getattr(apps, f"ConvNeXt{size.capitalize() if size != 'xlarge' else 'XLarge'}")(weights=None)))
        for size in ("tiny", "small", "base", "large", "xlarge")
    },
    **{
        f"efficientnet_v2_{v.lower()}": (f"EfficientNetV2{v}", (lambda v=v: getattr(apps, f"EfficientNetV2{v}")(weights=None)))
        for v in ("B0", "B1", "B2", "B3", "S", "M", "L")
    },
}

# Totals from /work/shared/reference/keras-reference-counts.md: (total, trainable, non-trainable).
REFERENCE = {
    "lenet5": (61_706, None, None),
    "alexnet": (61_100_840, None, None),
    "unet": (31_031_685, None, None),
    "vgg16": (138_357_544, 138_357_544, 0),
    "vgg19": (143_667_240, 143_667_240, 0),
    "resnet50": (25_636_712, 25_583_592, 53_120),
    "resnet101": (44_707_176, 44_601_832, 105_344),
    "resnet152": (60_419_944, 60_268_520, 151_424),
    "resnet50v2": (25_613_800, 25_568_360, 45_440),
    "resnet101v2": (44_675_560, 44_577_896, 97_664),
    "resnet152v2": (60_380_648, 60_236_904, 143_744),
    "inception_v3": (23_851_784, 23_817_352, 34_432),
    "inception_resnet_v2": (55_873_736, 55_813_192, 60_544),
    "xception": (22_910_480, 22_855_952, 54_528),
    "mobilenet": (4_253_864, 4_231_976, 21_888),
    "mobilenet_v2": (3_538_984, 3_504_872, 34_112),
    "mobilenet_v3_small": (2_554_968, 2_542_856, 12_112),
    "mobilenet_v3_large": (5_507_432, 5_483_032, 24_400),
    "densenet121": (8_062_504, 7_978_856, 83_648),
    "densenet169": (14_307_880, 14_149_480, 158_400),
    "densenet201": (20_242_984, 20_013_928, 229_056),
    "nasnet_mobile": (5_326_716, 5_289_978, 36_738),
    "nasnet_large": (88_949_818, 88_753_150, 196_668),
    "efficientnet_b0": (5_330_571, 5_288_548, 42_023),
    "efficientnet_b1": (7_856_239, 7_794_184, 62_055),
    "efficientnet_b7": (66_658_687, 66_347_960, 310_727),
    "convnext_tiny": (28_589_128, 28_589_128, 0),
    "convnext_small": (50_223_688, 50_223_688, 0),
    "convnext_base": (88_591_464, 88_591_464, 0),
    "convnext_large": (197_767_336, 197_767_336, 0),
    "convnext_xlarge": (350_196_968, 350_196_968, 0),
    "efficientnet_v2_b0": (7_200_312, 7_139_704, 60_608),
    "efficientnet_v2_b1": (8_212_124, 8_141_052, 71_072),
    "efficientnet_v2_b2": (10_178_374, 10_096_086, 82_288),
    "efficientnet_v2_b3": (14_467_622, 14_358_406, 109_216),
    "efficientnet_v2_s": (21_612_360, 21_458_488, 153_872),
    "efficientnet_v2_m": (54_431_388, 54_139_356, 292_032),
    "efficientnet_v2_l": (119_027_848, 118_515_272, 512_576),
}

# Config keys that decide shapes, parameter counts or the computation itself.
# Initialisers, regularisers, dtypes and data_format (always channels_last) are left out.
SHAPE_KEYS = (
    "filters", "kernel_size", "strides", "padding", "dilation_rate", "groups",
    "depth_multiplier", "use_bias", "units", "activation", "max_value",
    "negative_slope", "threshold", "pool_size", "output_size", "keepdims",
    "axis", "epsilon", "momentum", "center", "scale", "offset", "mean",
    "variance", "invert", "rate", "noise_shape", "size", "interpolation",
    "cropping", "target_shape", "dims",
)


def plain(value):
    """JSON-friendly copy of a config value (tuples and arrays become lists)."""
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def weight_count(weights):
    return int(sum(math.prod(w.shape) for w in weights))


def class_name(op):
    """Layer class name; plain tensor ops (x + 3.0 on a KerasTensor) get an 'ops.' prefix."""
    name = type(op).__name__
    return name if isinstance(op, keras.layers.Layer) else f"ops.{name}"


def describe(op):
    nodes = op._inbound_nodes
    if len(nodes) != 1:
        raise RuntimeError(f"{op.name}: {len(nodes)} inbound nodes (shared layers are not expected)")
    node = nodes[0]
    entry = {
        "name": op.name,
        "class": class_name(op),
        "output_shape": plain(list(node.output_tensors[0].shape[1:])),
    }
    if isinstance(op, keras.layers.Layer):
        trainable = weight_count(op.trainable_weights)
        non_trainable = weight_count(op.non_trainable_weights)
        config = op.get_config()
        shape_config = {k: plain(config[k]) for k in SHAPE_KEYS if k in config}
        if class_name(op) == "Normalization" and op.built:
            shape_config.pop("mean", None)  # adapted state, not config
            shape_config.pop("variance", None)
    else:
        trainable = non_trainable = 0
        constants = [a for a in node.arguments.args if not keras.KerasTensor.__instancecheck__(a)]
        shape_config = {"constants": plain(constants)}
    entry["params"] = trainable + non_trainable
    entry["trainable_params"] = trainable
    entry["non_trainable_params"] = non_trainable
    entry["inbound"] = [t._keras_history.operation.name for t in node.input_tensors]
    entry["config"] = shape_config
    return entry


def flat_operations(model):
    """The model's operations with nested models (ConvNeXt's Sequential stem and downsampling
    blocks) replaced by their own layers, so every row is one Keras layer."""
    for op in (model.layers if isinstance(model, keras.Sequential) else model.operations):
        if isinstance(op, keras.Model):
            yield from (inner for inner in flat_operations(op) if not isinstance(inner, keras.layers.InputLayer))
        else:
            yield op


def nested_renames(model, renames=None):
    """Inbound names that point into or at a nested model, mapped to the flattened layers: the nested
    model's own input layer is the outer layer that feeds it, and the nested model itself is its
    output layer. Without this the wiring of ConvNeXt (a Sequential stem and downsampling blocks)
    names layers the flattened fixture does not have."""
    renames = {} if renames is None else renames
    for op in (model.layers if isinstance(model, keras.Sequential) else model.operations):
        if not isinstance(op, keras.Model):
            continue
        feeding = op._inbound_nodes[0].input_tensors[0]._keras_history.operation.name
        for tensor in op.inputs if isinstance(op.inputs, (list, tuple)) else [op.inputs]:
            renames[tensor._keras_history.operation.name] = feeding
        if isinstance(op, keras.Sequential):
            renames[op.name] = op.layers[-1].name
        else:
            renames[op.name] = op.outputs[0]._keras_history.operation.name
        nested_renames(op, renames)
    return renames


def resolve_inbound(entries, renames):
    for entry in entries:
        names = []
        for name in entry["inbound"]:
            seen = set()
            while name in renames and name not in seen:
                seen.add(name)
                name = renames[name]
            names.append(name)
        entry["inbound"] = names


def fixture(display_name, model):
    entries = [describe(op) for op in flat_operations(model)]
    resolve_inbound(entries, nested_renames(model))
    trainable = weight_count(model.trainable_weights)
    non_trainable = weight_count(model.non_trainable_weights)
    return {
        "model": display_name,
        "keras_version": keras.__version__,
        "input_shape": plain(list(model.input_shape[1:])),
        "total_params": trainable + non_trainable,
        "trainable_params": trainable,
        "non_trainable_params": non_trainable,
        "layer_count": len(entries),
        "classes": sorted({e["class"] for e in entries}),
        "layers": entries,
    }


def write_fixture(path, data):
    """Header keys first, then one layer per line, so diffs stay readable."""
    header = {k: v for k, v in data.items() if k != "layers"}
    head = json.dumps(header, separators=(", ", ": "))[:-1]
    lines = [json.dumps(e, separators=(",", ":")) for e in data["layers"]]
    with open(path + ".tmp", "w") as f:
        f.write(head + ', "layers": [\n' + ",\n".join(lines) + "\n]}\n")
    os.replace(path + ".tmp", path)


def compare(spec_name, data):
    got = (data["total_params"], data["trainable_params"], data["non_trainable_params"])
    want = REFERENCE.get(spec_name)
    if want is None:
        verdict = "(not in reference table)"
    else:
        verdict = "OK" if all(w is None or w == g for w, g in zip(want, got)) else f"MISMATCH want {want}"
    print(f"{spec_name:22s} {got[0]:>12,} {got[1]:>12,} {got[2]:>9,}  {data['layer_count']:>5} layers  {verdict}",
          flush=True)
    return want is None or verdict == "OK"


def main(selected):
    os.makedirs(OUT_DIR, exist_ok=True)
    all_classes = {}
    ok = True
    for spec_name, (display_name, build) in MODELS.items():
        if selected and spec_name not in selected:
            continue
        keras.backend.clear_session()
        started = time.time()
        data = fixture(display_name, build())
        write_fixture(os.path.join(OUT_DIR, f"{spec_name}.json"), data)
        ok = compare(spec_name, data) and ok
        print(f"{'':22s} built in {time.time() - started:.1f}s", flush=True)
        for cls in data["classes"]:
            all_classes.setdefault(cls, []).append(spec_name)
    print("\nLayer classes across all models:")
    for cls in sorted(all_classes):
        users = all_classes[cls]
        shown = ", ".join(users if len(users) <= 6 else users[:6] + [f"... ({len(users)} models)"])
        print(f"  {cls:28s} {shown}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(set(sys.argv[1:])))
