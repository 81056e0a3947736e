"""Keras oracle for library variants set from the command line (--set): writes
test/fixtures/keras/variants/variants.json with each variant's totals and output shape.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/variants_fixture.py
"""
import json
import pathlib

import keras
from keras import applications as A

VARIANTS = [
    # spec, --set values, builder
    ("mobilenet", {"alpha": "0.75", "size": "192", "classes": "10"}, lambda: A.MobileNet(weights=None, alpha=0.75, input_shape=(192, 192, 3), classes=10)),
    ("mobilenet_v2", {"alpha": "0.5", "size": "160"}, lambda: A.MobileNetV2(weights=None, alpha=0.5, input_shape=(160, 160, 3))),
    ("mobilenet_v2", {"alpha": "1.4", "size": "225", "classes": "10"}, lambda: A.MobileNetV2(weights=None, alpha=1.4, input_shape=(225, 225, 3), classes=10)),
    ("resnet50", {"classes": "10", "size": "128"}, lambda: A.ResNet50(weights=None, input_shape=(128, 128, 3), classes=10)),
    ("densenet121", {"classes": "2", "size": "160"}, lambda: A.DenseNet121(weights=None, input_shape=(160, 160, 3), classes=2)),
    ("vgg16", {"classes": "10", "size": "64"}, lambda: A.VGG16(weights=None, input_shape=(64, 64, 3), classes=10)),
    ("convnext_tiny", {"include_top": "False", "pooling": "max", "size": "160"},
     lambda: A.ConvNeXtTiny(weights=None, include_top=False, pooling="max", input_shape=(160, 160, 3))),
    ("convnext_tiny", {"include_top": "False", "pooling": "none", "include_preprocessing": "False", "size": "None"},
     lambda: A.ConvNeXtTiny(weights=None, include_top=False, include_preprocessing=False)),
    ("convnext_small", {"classes": "10", "size": "192"}, lambda: A.ConvNeXtSmall(weights=None, classes=10, input_shape=(192, 192, 3))),
    ("efficientnet_v2_b0", {"include_top": "False", "pooling": "none", "resolution": "192"},
     lambda: A.EfficientNetV2B0(weights=None, include_top=False, input_shape=(192, 192, 3))),
    ("efficientnet_v2_b1", {"include_top": "False", "pooling": "avg", "include_preprocessing": "False"},
     lambda: A.EfficientNetV2B1(weights=None, include_top=False, pooling="avg", include_preprocessing=False)),
    ("efficientnet_v2_s", {"classes": "10", "resolution": "256"}, lambda: A.EfficientNetV2S(weights=None, classes=10, input_shape=(256, 256, 3))),
]

rows = []
for spec, sets, build in VARIANTS:
    model = build()
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    rows.append({
        "spec": spec,
        "set": sets,
        "total_params": model.count_params(),
        "trainable_params": trainable,
        "non_trainable_params": model.count_params() - trainable,
        "output_shape": list(model.output.shape[1:]),
    })
    print(spec, sets, model.count_params())
    keras.backend.clear_session()

path = pathlib.Path(__file__).resolve().parents[2] / "test/fixtures/keras/variants/variants.json"
path.write_text(json.dumps({"keras_version": keras.__version__, "variants": rows}, indent=1) + "\n")
