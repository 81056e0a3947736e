"""Keras 3 reference figures for data_format="channels_first" (and BatchNormalization(axis=1)).

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/channels_first_fixture.py
Writes test/fixtures/keras/layers-channels-first.json in layers.json's row format; the layer
tables (test/layers/keras-table.ts) and the compiled-model test (test/compile/keras-rows.test.ts)
read it with the others. Input shapes are channels first: (channels, spatial...).
"""
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras  # noqa: E402

from layers_fixture import run, write_table  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "layers-channels-first.json")
CF = {"data_format": "channels_first"}

# (family, kind, kwargs, input shape or list of input shapes)
CASES = [
    # Convolutions: channels on axis 1, every variant of window and filter count.
    ("conv", "Conv2D", {"filters": 4, "kernel_size": [9, 9], "strides": [1, 2], **CF}, [1, 128, 128]),
    ("conv", "Conv2D", {"filters": 8, "kernel_size": 3, "padding": "same", "strides": 2, **CF}, [3, 15, 16]),
    ("conv", "Conv2D", {"filters": 6, "kernel_size": 3, "groups": 3, **CF}, [3, 7, 7]),
    ("conv", "Conv2D", {"filters": 6, "kernel_size": 3, "groups": 4, **CF}, [3, 7, 7]),
    ("conv", "Conv2D", {"filters": 8, "kernel_size": 3, "dilation_rate": 2, "use_bias": False, **CF}, [4, 17, 17]),
    ("conv", "Conv2D", {"filters": 8, "kernel_size": 5, **CF}, [3, 4, 10]),
    ("conv", "Conv2D", {"filters": 16, "kernel_size": 3, "padding": "same", **CF}, [3, None, None]),
    ("conv", "Conv1D", {"filters": 8, "kernel_size": 3, **CF}, [2, 50]),
    ("conv", "Conv1D", {"filters": 5, "kernel_size": 4, "strides": 3, "padding": "same", **CF}, [6, 20]),
    ("conv", "Conv1D", {"filters": 4, "kernel_size": 3, "groups": 2, **CF}, [4, 12]),
    ("conv", "Conv3D", {"filters": 4, "kernel_size": 3, **CF}, [2, 8, 9, 10]),
    ("conv", "Conv3D", {"filters": 3, "kernel_size": [3, 1, 2], "strides": 2, "padding": "same", **CF}, [5, 7, 6, 5]),
    ("conv", "Conv3D", {"filters": 2, "kernel_size": 3, **CF}, [1, 2, 8, 8]),
    ("conv", "DepthwiseConv2D", {"kernel_size": 3, **CF}, [4, 16, 16]),
    ("conv", "DepthwiseConv2D", {"kernel_size": 5, "strides": 2, "padding": "same", "depth_multiplier": 2, **CF}, [3, 15, 15]),
    ("conv", "DepthwiseConv2D", {"kernel_size": 3, "dilation_rate": 2, "use_bias": False, **CF}, [8, 12, 9]),
    ("conv", "DepthwiseConv1D", {"kernel_size": 3, **CF}, [4, 20]),
    ("conv", "DepthwiseConv1D", {"kernel_size": 5, "strides": 2, "padding": "same", "depth_multiplier": 3, **CF}, [2, 21]),
    ("conv", "DepthwiseConv1D", {"kernel_size": 4, **CF}, [3, 10]),
    ("conv", "SeparableConv2D", {"filters": 8, "kernel_size": 3, **CF}, [4, 16, 16]),
    ("conv", "SeparableConv2D", {"filters": 6, "kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 2, **CF}, [3, 15, 14]),
    ("conv", "SeparableConv2D", {"filters": 5, "kernel_size": 3, "use_bias": False, **CF}, [2, 9, 9]),
    ("conv", "SeparableConv1D", {"filters": 8, "kernel_size": 3, **CF}, [4, 20]),
    ("conv", "SeparableConv1D", {"filters": 4, "kernel_size": 5, "strides": 2, "padding": "same", **CF}, [3, 21]),
    ("conv", "SeparableConv1D", {"filters": 3, "kernel_size": 2, "depth_multiplier": 2, **CF}, [2, 8]),
    ("conv", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, **CF}, [8, 7, 7]),
    ("conv", "Conv2DTranspose", {"filters": 3, "kernel_size": 4, "strides": 2, "padding": "same", **CF}, [2, 5, 6]),
    ("conv", "Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 1, **CF}, [3, 4, 4]),
    ("conv", "Conv1DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, **CF}, [2, 10]),
    ("conv", "Conv1DTranspose", {"filters": 2, "kernel_size": 5, "strides": 3, "padding": "same", **CF}, [3, 7]),
    ("conv", "Conv1DTranspose", {"filters": 3, "kernel_size": 2, **CF}, [1, 4]),
    ("conv", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, **CF}, [3, 4, 4, 4]),
    ("conv", "Conv3DTranspose", {"filters": 4, "kernel_size": 2, "strides": [1, 2, 2], "padding": "same", **CF}, [2, 3, 5, 6]),
    ("conv", "Conv3DTranspose", {"filters": 1, "kernel_size": 3, **CF}, [2, 3, 3, 3]),
    # Pooling, windowed and global.
    ("pool", "MaxPooling2D", {"pool_size": 2, **CF}, [3, 28, 27]),
    ("pool", "MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same", **CF}, [8, 15, 15]),
    ("pool", "MaxPooling2D", {"pool_size": [2, 3], **CF}, [4, 2, 9]),
    ("pool", "MaxPooling2D", {"pool_size": 3, **CF}, [4, 2, 9]),
    ("pool", "AveragePooling2D", {"pool_size": 2, **CF}, [3, 28, 27]),
    ("pool", "AveragePooling2D", {"pool_size": 3, "strides": 1, "padding": "same", **CF}, [2, 10, 11]),
    ("pool", "AveragePooling2D", {"pool_size": [4, 2], "strides": [2, 1], **CF}, [5, 12, 6]),
    ("pool", "MaxPooling1D", {"pool_size": 2, **CF}, [4, 25]),
    ("pool", "MaxPooling1D", {"pool_size": 3, "strides": 2, "padding": "same", **CF}, [2, 25]),
    ("pool", "MaxPooling1D", {"pool_size": 4, **CF}, [7, 9]),
    ("pool", "AveragePooling1D", {"pool_size": 2, **CF}, [4, 25]),
    ("pool", "AveragePooling1D", {"pool_size": 5, "strides": 1, "padding": "same", **CF}, [3, 11]),
    ("pool", "AveragePooling1D", {"pool_size": 3, **CF}, [6, 7]),
    ("pool", "MaxPooling3D", {"pool_size": 2, **CF}, [2, 8, 9, 10]),
    ("pool", "MaxPooling3D", {"pool_size": [1, 2, 3], "padding": "same", **CF}, [3, 5, 5, 5]),
    ("pool", "MaxPooling3D", {"pool_size": 2, "strides": 1, **CF}, [1, 3, 4, 5]),
    ("pool", "AveragePooling3D", {"pool_size": 2, **CF}, [2, 8, 9, 10]),
    ("pool", "AveragePooling3D", {"pool_size": 3, "strides": 2, "padding": "same", **CF}, [4, 7, 6, 5]),
    ("pool", "AveragePooling3D", {"pool_size": [2, 1, 1], **CF}, [1, 4, 3, 2]),
    ("pool", "GlobalAveragePooling2D", {**CF}, [16, 7, 7]),
    ("pool", "GlobalAveragePooling2D", {"keepdims": True, **CF}, [16, 7, 5]),
    ("pool", "GlobalAveragePooling2D", {**CF}, [8, None, None]),
    ("pool", "GlobalMaxPooling2D", {**CF}, [16, 7, 7]),
    ("pool", "GlobalMaxPooling2D", {"keepdims": True, **CF}, [3, 2, 9]),
    ("pool", "GlobalMaxPooling2D", {**CF}, [5, 1, 1]),
    ("pool", "GlobalAveragePooling1D", {**CF}, [8, 20]),
    ("pool", "GlobalAveragePooling1D", {"keepdims": True, **CF}, [8, 20]),
    ("pool", "GlobalAveragePooling1D", {**CF}, [3, 5]),
    ("pool", "GlobalMaxPooling1D", {**CF}, [8, 20]),
    ("pool", "GlobalMaxPooling1D", {"keepdims": True, **CF}, [2, 6]),
    ("pool", "GlobalMaxPooling1D", {**CF}, [5, 1]),
    ("pool", "GlobalAveragePooling3D", {**CF}, [4, 3, 5, 6]),
    ("pool", "GlobalAveragePooling3D", {"keepdims": True, **CF}, [2, 3, 4, 5]),
    ("pool", "GlobalAveragePooling3D", {**CF}, [6, 2, 2, 2]),
    ("pool", "GlobalMaxPooling3D", {**CF}, [4, 3, 5, 6]),
    ("pool", "GlobalMaxPooling3D", {"keepdims": True, **CF}, [2, 3, 4, 5]),
    ("pool", "GlobalMaxPooling3D", {**CF}, [6, 2, 2, 2]),
    # Padding, cropping, upsampling, flatten.
    ("reshape", "ZeroPadding2D", {"padding": 1, **CF}, [3, 28, 27]),
    ("reshape", "ZeroPadding2D", {"padding": [[1, 2], [3, 0]], **CF}, [2, 5, 5]),
    ("reshape", "ZeroPadding2D", {"padding": [2, 1], **CF}, [4, None, 6]),
    ("reshape", "ZeroPadding1D", {"padding": 2, **CF}, [3, 10]),
    ("reshape", "ZeroPadding1D", {"padding": [1, 3], **CF}, [2, 5]),
    ("reshape", "ZeroPadding1D", {**CF}, [4, 1]),
    ("reshape", "ZeroPadding3D", {"padding": 1, **CF}, [2, 3, 4, 5]),
    ("reshape", "ZeroPadding3D", {"padding": [[1, 0], [0, 2], [1, 1]], **CF}, [1, 3, 3, 3]),
    ("reshape", "ZeroPadding3D", {"padding": [1, 2, 3], **CF}, [3, 2, 2, 2]),
    ("reshape", "Cropping2D", {"cropping": [[1, 2], [3, 0]], **CF}, [3, 10, 9]),
    ("reshape", "Cropping2D", {"cropping": 2, **CF}, [2, 8, 8]),
    ("reshape", "Cropping2D", {"cropping": 3, **CF}, [2, 6, 8]),
    ("reshape", "Cropping3D", {"cropping": 1, **CF}, [2, 5, 6, 7]),
    ("reshape", "Cropping3D", {"cropping": [[0, 1], [2, 0], [1, 1]], **CF}, [1, 4, 4, 4]),
    ("reshape", "Cropping3D", {"cropping": 2, **CF}, [3, 4, 6, 6]),
    ("reshape", "UpSampling2D", {"size": 2, **CF}, [3, 7, 8]),
    ("reshape", "UpSampling2D", {"size": [2, 3], "interpolation": "bilinear", **CF}, [2, 4, 5]),
    ("reshape", "UpSampling2D", {"size": 3, **CF}, [4, None, 2]),
    ("reshape", "UpSampling3D", {"size": 2, **CF}, [2, 3, 4, 5]),
    ("reshape", "UpSampling3D", {"size": [1, 2, 3], **CF}, [3, 2, 2, 2]),
    ("reshape", "UpSampling3D", {"size": 1, **CF}, [1, 2, 3, 4]),
    ("reshape", "Flatten", {**CF}, [3, 4, 5]),
    ("reshape", "Flatten", {**CF}, [2, 6]),
    ("reshape", "Flatten", {**CF}, [2, 3, 4, 5]),
    # Normalisation over the channel axis of a channels-first tensor.
    ("norm", "BatchNormalization", {"axis": 1}, [16, 8, 8]),
    ("norm", "BatchNormalization", {"axis": 1, "center": False}, [4, 10]),
    ("norm", "BatchNormalization", {"axis": 1}, [3, 4, 4, 4]),
    ("norm", "BatchNormalization", {"axis": 1}, [None, 5, 5]),
    ("norm", "LayerNormalization", {"axis": 1}, [16, 8, 8]),
    ("norm", "LayerNormalization", {"axis": [1, 2, 3]}, [3, 4, 4]),
    ("norm", "LayerNormalization", {"axis": 1, "scale": False}, [6, 5]),
    # Spatial dropout drops whole channels: axis 1 here.
    ("regularization", "SpatialDropout2D", {"rate": 0.2, **CF}, [8, 5, 5]),
    ("regularization", "SpatialDropout2D", {"rate": 0.5, **CF}, [3, None, None]),
    ("regularization", "SpatialDropout2D", {"rate": 0.1, **CF}, [1, 2, 2]),
    ("regularization", "SpatialDropout3D", {"rate": 0.2, **CF}, [4, 3, 3, 3]),
    ("regularization", "SpatialDropout3D", {"rate": 0.5, **CF}, [2, 2, 3, 4]),
    ("regularization", "SpatialDropout3D", {"rate": 0.3, **CF}, [1, 1, 1, 1]),
]


def main():
    write_table(OUT, CASES, run)


if __name__ == "__main__":
    main()
