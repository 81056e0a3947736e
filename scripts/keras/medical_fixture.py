"""Per-layer Keras oracle for the library's three medical-imaging specs.

The lecture asks for a 3D CNN classifier for CT/MRI volumes, a 3D U-Net and a
detector with two outputs. There is no keras.applications model for them, so
they are built here, once, exactly as specs/ct_3d_classifier.yaml,
specs/unet_3d.yaml and specs/detector.yaml describe them, and written in the
same format as scripts/keras/apps_fixture.py writes (test/fixtures/keras/apps/
<spec_name>.json), so the library test checks them layer by layer too.

Run from the repository root:
    KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/medical_fixture.py
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402
from keras import layers  # noqa: E402

from apps_fixture import OUT_DIR, fixture, write_fixture  # noqa: E402


def ct_3d_classifier(size=64, classes=2):
    """3D CNN for CT/MRI volumes, after the Keras example "3D image classification from CT scans"
    (Zunair 2020): four stages of Conv3D 3x3x3 valid + ReLU, MaxPooling3D 2, BatchNormalization
    (64, 64, 128, 256 filters), global average pooling, Dense 512 ReLU, Dropout 0.3, and a softmax
    over `classes` (the example's single sigmoid unit becomes a two-way softmax)."""
    inputs = keras.Input((size, size, size, 1))
    x = inputs
    for filters in (64, 64, 128, 256):
        x = layers.Conv3D(filters, 3, activation="relu")(x)
        x = layers.MaxPooling3D(2)(x)
        x = layers.BatchNormalization()(x)
    x = layers.GlobalAveragePooling3D()(x)
    x = layers.Dense(512, activation="relu")(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="ct_3d_classifier")


def _conv_bn_relu(x, filters):
    x = layers.Conv3D(filters, 3, padding="same")(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


def unet_3d(size=64, classes=1, base=32):
    """3D U-Net after Cicek et al. 2016: per level two 3x3x3 conv + BN + ReLU, the second doubling
    the width (32->64, 64->128, 128->256, bottom 256->512); 2x2x2 max pools; up-convolutions
    Conv3DTranspose(2, strides 2) keeping the channel count; skip concatenation (skip first); two
    3x3x3 conv + BN + ReLU at the lower level's width; a 1x1x1 sigmoid conv. 'same' padding, so the
    output mask has the input's size (the paper used 'valid' and cropped the skips)."""
    inputs = keras.Input((size, size, size, 1))
    x = inputs
    skips = []
    for level in range(3):
        filters = base * 2**level
        x = _conv_bn_relu(x, filters)
        x = _conv_bn_relu(x, 2 * filters)
        skips.append(x)
        x = layers.MaxPooling3D(2)(x)
    x = _conv_bn_relu(x, base * 8)
    x = _conv_bn_relu(x, base * 16)
    for level in reversed(range(3)):
        filters = base * 2 ** (level + 1)
        up = layers.Conv3DTranspose(x.shape[-1], 2, strides=2)(x)
        x = layers.Concatenate()([skips[level], up])
        x = _conv_bn_relu(x, filters)
        x = _conv_bn_relu(x, filters)
    outputs = layers.Conv3D(classes, 1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="unet_3d")


def detector(size=256, classes=2, anchors=3):
    """Single-shot detector for chest X-rays: a backbone of five Conv2D 3x3 same (no bias) + BN +
    ReLU + MaxPooling2D 2 stages (16..256 filters) to an 8x8 grid, then two 3x3 conv heads with
    `anchors` boxes per grid cell: `boxes` (4 offsets per anchor, reshaped to (cells*anchors, 4))
    and `labels` (class scores per anchor, reshaped to (cells*anchors, classes), softmax)."""
    inputs = keras.Input((size, size, 1))
    x = inputs
    for filters in (16, 32, 64, 128, 256):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D(2)(x)
    features = x
    boxes = layers.Conv2D(4 * anchors, 3, padding="same")(features)
    boxes = layers.Reshape((-1, 4), name="boxes")(boxes)
    scores = layers.Conv2D(classes * anchors, 3, padding="same")(features)
    scores = layers.Reshape((-1, classes))(scores)
    labels = layers.Activation("softmax", name="labels")(scores)
    return keras.Model(inputs, [boxes, labels], name="detector")


MODELS = {
    "ct_3d_classifier": ("CT3DClassifier", ct_3d_classifier),
    "unet_3d": ("UNet3D", unet_3d),
    "detector": ("Detector", detector),
}


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for spec_name, (display_name, build) in MODELS.items():
        keras.backend.clear_session()
        data = fixture(display_name, build())
        write_fixture(os.path.join(OUT_DIR, f"{spec_name}.json"), data)
        print(f"{spec_name:18s} {data['total_params']:>12,} {data['trainable_params']:>12,} "
              f"{data['non_trainable_params']:>9,}  {data['layer_count']:>4} layers")


if __name__ == "__main__":
    main()
