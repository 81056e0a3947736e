"""Keras 3 reference figures for netspec's layer kinds.

Run: KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/layers_fixture.py
Writes test/fixtures/keras/layers.json: one row per case with Keras's output shape and
trainable / non-trainable parameter counts (or Keras's error message when it refuses).
"""
import json
import re
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "keras", "layers.json")

# (family, kind, kwargs, input shape or list of input shapes for merges)
CASES = [
    ("input", "InputLayer", {"shape": [28, 28, 1]}, None),
    ("input", "InputLayer", {"shape": [None, 3]}, None),
    ("input", "InputLayer", {"shape": [10]}, None),
    # Convolutions
    ("conv", "Conv2D", {"filters": 4, "kernel_size": [9, 9], "strides": [1, 2]}, [128, 128, 1]),
    ("conv", "Conv2D", {"filters": 32, "kernel_size": 3, "strides": [1, 2]}, [64, 64, 1]),
    ("conv", "Conv2D", {"filters": 8, "kernel_size": 3, "strides": [1, 2]}, [62, 31, 32]),
    ("conv", "Conv2D", {"filters": 6, "kernel_size": 3, "groups": 3}, [7, 7, 3]),
    ("conv", "Conv2D", {"filters": 16, "kernel_size": 5, "padding": "same", "use_bias": False}, [None, None, 3]),
    ("conv", "Conv2D", {"filters": 8, "kernel_size": 3, "dilation_rate": 2}, [17, 17, 4]),
    ("conv", "Conv1D", {"filters": 8, "kernel_size": 3, "padding": "causal", "dilation_rate": 4}, [50, 2]),
    ("conv", "Conv1D", {"filters": 5, "kernel_size": 4, "strides": 3}, [31, 7]),
    ("conv", "Conv3D", {"filters": 2, "kernel_size": [3, 2, 1], "strides": [2, 1, 1], "padding": "same"}, [9, 8, 7, 3]),
    ("conv", "Conv2D", {"filters": 4, "kernel_size": 5}, [3, 3, 1]),
    ("conv", "Conv1D", {"filters": 3, "kernel_size": 3, "dilation_rate": 2, "strides": 2}, [20, 2]),
    ("conv", "Conv1D", {"filters": 1, "kernel_size": 7, "padding": "same", "use_bias": False}, [None, 1]),
    ("conv", "Conv3D", {"filters": 4, "kernel_size": 3}, [8, 8, 8, 1]),
    ("conv", "Conv3D", {"filters": 4, "kernel_size": 2, "dilation_rate": [1, 2, 3], "groups": 2}, [None, 9, 9, 6]),
    ("conv", "Conv2D", {"filters": 8, "kernel_size": 3, "groups": 3}, [8, 8, 6]),
    ("conv", "Conv2D", {"filters": 8, "kernel_size": 3}, [8, 8]),
    ("conv", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "output_padding": 2}, [5, 5, 1]),
    ("conv", "DepthwiseConv2D", {"kernel_size": 3, "strides": 2, "dilation_rate": 2}, [9, 9, 1]),
    ("conv", "SeparableConv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, [9, 9, 1]),
    ("conv", "SeparableConv1D", {"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, [9, 1]),
    ("conv", "DepthwiseConv1D", {"kernel_size": 3, "strides": 2, "dilation_rate": 2}, [9, 1]),
    ("conv", "DepthwiseConv2D", {"kernel_size": 3}, [32, 32, 16]),
    ("conv", "DepthwiseConv2D", {"kernel_size": [3, 5], "strides": 2, "padding": "same", "depth_multiplier": 2, "use_bias": False}, [33, 17, 8]),
    ("conv", "DepthwiseConv2D", {"kernel_size": 3, "dilation_rate": 2}, [None, 20, 4]),
    ("conv", "DepthwiseConv1D", {"kernel_size": 5}, [40, 6]),
    ("conv", "DepthwiseConv1D", {"kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 3}, [41, 4]),
    ("conv", "DepthwiseConv1D", {"kernel_size": 2, "use_bias": False}, [None, 5]),
    ("conv", "SeparableConv2D", {"filters": 32, "kernel_size": 3}, [28, 28, 16]),
    ("conv", "SeparableConv2D", {"filters": 64, "kernel_size": 3, "padding": "same", "use_bias": False, "depth_multiplier": 2}, [19, 19, 32]),
    ("conv", "SeparableConv2D", {"filters": 10, "kernel_size": [3, 1], "strides": [2, 1]}, [15, None, 3]),
    ("conv", "SeparableConv1D", {"filters": 8, "kernel_size": 3}, [30, 4]),
    ("conv", "SeparableConv2D", {"filters": 5, "kernel_size": 3, "dilation_rate": [2, 3], "depth_multiplier": 3}, [20, 20, 2]),
    ("conv", "SeparableConv1D", {"filters": 8, "kernel_size": 5, "strides": 2, "padding": "same", "depth_multiplier": 2}, [29, 3]),
    ("conv", "SeparableConv1D", {"filters": 4, "kernel_size": 3, "dilation_rate": 2, "use_bias": False}, [None, 6]),
    ("conv", "Conv2DTranspose", {"filters": 16, "kernel_size": 3, "strides": 2}, [16, 16, 32]),
    ("conv", "Conv2DTranspose", {"filters": 16, "kernel_size": 2, "strides": 2, "padding": "same"}, [15, 7, 8]),
    ("conv", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": 1}, [10, 10, 3]),
    ("conv", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "dilation_rate": 2}, [10, None, 3]),
    ("conv", "Conv2DTranspose", {"filters": 4, "kernel_size": [4, 1], "strides": [3, 1], "output_padding": [2, 0]}, [5, 5, 2]),
    ("conv", "Conv1DTranspose", {"filters": 6, "kernel_size": 4, "strides": 2}, [12, 3]),
    ("conv", "Conv1DTranspose", {"filters": 6, "kernel_size": 5, "strides": 3, "padding": "same", "use_bias": False}, [7, 2]),
    ("conv", "Conv1DTranspose", {"filters": 2, "kernel_size": 1, "strides": 4}, [5, 2]),
    ("conv", "Conv3DTranspose", {"filters": 2, "kernel_size": 2, "strides": 2}, [4, 5, 6, 3]),
    ("conv", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "strides": [1, 2, 3], "padding": "same"}, [4, 5, 6, 1]),
    ("conv", "Conv3DTranspose", {"filters": 3, "kernel_size": 3, "output_padding": [0, 0, 0]}, [4, 4, 4, 2]),
    # Pooling
    ("pool", "MaxPooling2D", {}, [28, 28, 6]),
    ("pool", "MaxPooling2D", {"pool_size": 3, "strides": 2}, [112, 112, 64]),
    ("pool", "MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, [113, 57, 8]),
    ("pool", "MaxPooling2D", {"pool_size": [2, 3]}, [None, 10, 2]),
    ("pool", "MaxPooling2D", {"pool_size": 5}, [3, 3, 1]),
    ("pool", "MaxPooling1D", {}, [11, 3]),
    ("pool", "MaxPooling1D", {"pool_size": 3, "strides": 1, "padding": "same"}, [10, 3]),
    ("pool", "MaxPooling1D", {"pool_size": 4, "strides": 3}, [None, 3]),
    ("pool", "MaxPooling3D", {}, [8, 9, 10, 2]),
    ("pool", "MaxPooling3D", {"pool_size": [1, 2, 3], "padding": "same"}, [8, 9, 10, 2]),
    ("pool", "MaxPooling3D", {"pool_size": 3, "strides": [1, 2, 2]}, [5, 7, 9, 1]),
    ("pool", "AveragePooling2D", {"pool_size": 2}, [28, 28, 6]),
    ("pool", "AveragePooling2D", {"pool_size": 2, "strides": 2}, [7, 7, 1]),
    ("pool", "AveragePooling2D", {"pool_size": [3, 3], "strides": 1, "padding": "same"}, [35, 35, 192]),
    ("pool", "AveragePooling1D", {"pool_size": 2}, [9, 4]),
    ("pool", "AveragePooling1D", {"pool_size": 3, "strides": 2, "padding": "same"}, [9, 4]),
    ("pool", "AveragePooling1D", {"pool_size": 3}, [None, 4]),
    ("pool", "AveragePooling3D", {"pool_size": 2}, [6, 6, 6, 2]),
    ("pool", "AveragePooling3D", {"pool_size": [2, 1, 3], "strides": [2, 1, 1]}, [7, 7, 7, 1]),
    ("pool", "AveragePooling3D", {"pool_size": 3, "padding": "same"}, [7, 8, 9, 4]),
    ("pool", "GlobalAveragePooling2D", {}, [7, 7, 2048]),
    ("pool", "GlobalAveragePooling2D", {"keepdims": True}, [7, 7, 1024]),
    ("pool", "GlobalAveragePooling2D", {}, [None, None, 3]),
    ("pool", "GlobalMaxPooling2D", {}, [7, 7, 512]),
    ("pool", "GlobalMaxPooling2D", {"keepdims": True}, [None, 7, 5]),
    ("pool", "GlobalMaxPooling2D", {}, [1, 1, 1]),
    ("pool", "GlobalAveragePooling1D", {}, [100, 16]),
    ("pool", "GlobalAveragePooling1D", {"keepdims": True}, [None, 16]),
    ("pool", "GlobalAveragePooling1D", {}, [1, 3]),
    ("pool", "GlobalMaxPooling1D", {}, [100, 16]),
    ("pool", "GlobalMaxPooling1D", {"keepdims": True}, [5, 2]),
    ("pool", "GlobalMaxPooling1D", {}, [None, 7]),
    ("pool", "GlobalAveragePooling3D", {}, [4, 4, 4, 8]),
    ("pool", "GlobalAveragePooling3D", {"keepdims": True}, [4, None, 4, 8]),
    ("pool", "GlobalAveragePooling3D", {}, [1, 2, 3, 1]),
    ("pool", "GlobalMaxPooling3D", {}, [4, 4, 4, 8]),
    ("pool", "GlobalMaxPooling3D", {"keepdims": True}, [2, 2, 2, 3]),
    ("pool", "GlobalMaxPooling3D", {}, [None, None, None, 6]),
    # Core
    ("core", "Dense", {"units": 10}, [84]),
    ("core", "Dense", {"units": 4096, "activation": "relu"}, [25088]),
    ("core", "Dense", {"units": 3, "use_bias": False}, [5, 7]),
    ("core", "Dense", {"units": 8}, [None, 4, 6]),
    ("core", "Dense", {"units": 8}, [4, None]),
    ("core", "Permute", {"dims": [1, 3]}, [4, 5]),
    ("core", "Permute", {"dims": [2, 1]}, [4, 5, 6]),
    ("core", "Embedding", {"input_dim": 1000, "output_dim": 64}, [10]),
    ("core", "Embedding", {"input_dim": 50, "output_dim": 8, "mask_zero": True}, [None]),
    ("core", "Embedding", {"input_dim": 7, "output_dim": 3}, [4, 5]),
    ("core", "Flatten", {}, [5, 5, 16]),
    ("core", "Flatten", {}, [7, 7, 512]),
    ("core", "Flatten", {}, [None, 4]),
    ("core", "Flatten", {}, [12]),
    ("core", "Reshape", {"target_shape": [1, 1, 1024]}, [1024]),
    ("core", "Reshape", {"target_shape": [-1, 4]}, [6, 6, 2]),
    ("core", "Reshape", {"target_shape": [3, -1]}, [None, 6]),
    ("core", "Reshape", {"target_shape": [7, 7]}, [50]),
    ("core", "Reshape", {"target_shape": [-1, 7]}, [50]),
    ("core", "Permute", {"dims": [2, 1]}, [10, 64]),
    ("core", "Permute", {"dims": [3, 1, 2]}, [4, 5, 6]),
    ("core", "Permute", {"dims": [1, 3, 2]}, [None, 5, 6]),
    # Regularization
    ("regularization", "Dropout", {"rate": 0.5}, [4096]),
    ("regularization", "Dropout", {"rate": 0.2, "noise_shape": [None, 1, 1, 8], "seed": 3}, [6, 6, 8]),
    ("regularization", "Dropout", {"rate": 0.0}, [None, 3]),
    ("regularization", "SpatialDropout1D", {"rate": 0.1}, [20, 8]),
    ("regularization", "SpatialDropout1D", {"rate": 0.5, "seed": 2}, [None, 3]),
    ("regularization", "SpatialDropout1D", {"rate": 0.1}, [4, 4, 3]),
    ("regularization", "SpatialDropout2D", {"rate": 0.5}, [None, None, 16]),
    ("regularization", "SpatialDropout2D", {"rate": 0.2}, [8, 3]),
    ("regularization", "SpatialDropout3D", {"rate": 0.1}, [None, 4, 4, 2]),
    ("regularization", "SpatialDropout3D", {"rate": 0.1}, [4, 4, 2]),
    ("regularization", "Dropout", {"rate": 1.5}, [3]),
    ("regularization", "SpatialDropout2D", {"rate": 0.1}, [8, 8, 3]),
    ("regularization", "SpatialDropout3D", {"rate": 0.3}, [4, 4, 4, 2]),
    ("regularization", "GaussianNoise", {"stddev": 0.1}, [32]),
    ("regularization", "GaussianNoise", {"stddev": 1.0, "seed": 1}, [8, 8, 3]),
    ("regularization", "GaussianNoise", {"stddev": 0.0}, [None, 2]),
    ("regularization", "GaussianDropout", {"rate": 0.3}, [32]),
    ("regularization", "GaussianDropout", {"rate": 0.1}, [4, 4, 3]),
    ("regularization", "GaussianDropout", {"rate": 0.5}, [None]),
    ("regularization", "AlphaDropout", {"rate": 0.1}, [64]),
    ("regularization", "AlphaDropout", {"rate": 0.2}, [3, 3, 3]),
    ("regularization", "AlphaDropout", {"rate": 0.05}, [None, 4]),
    # Normalization
    ("norm", "BatchNormalization", {}, [32, 32, 64]),
    ("norm", "BatchNormalization", {"scale": False}, [35, 35, 32]),
    ("norm", "BatchNormalization", {"epsilon": 1.001e-5, "momentum": 0.9}, [100]),
    ("norm", "BatchNormalization", {"axis": 1}, [6, 5, 4]),
    ("norm", "BatchNormalization", {"center": False, "scale": False}, [None, None, 8]),
    ("norm", "BatchNormalization", {}, [4, 4, 4, 3]),
    ("norm", "BatchNormalization", {}, [4, 4, None]),
    ("norm", "LayerNormalization", {"axis": -1}, [4, None]),
    ("norm", "LayerNormalization", {}, [10, 64]),
    ("norm", "LayerNormalization", {"axis": [1, 2]}, [6, 5, 4]),
    ("norm", "LayerNormalization", {"center": False}, [None, 32]),
    ("norm", "LayerNormalization", {"scale": False, "epsilon": 1e-6}, [12]),
    # Activations
    ("activation", "Activation", {"activation": "relu"}, [10]),
    ("activation", "Activation", {"activation": "softmax"}, [None, 5]),
    ("activation", "Activation", {"activation": "hard_swish"}, [4, 4, 3]),
    ("activation", "ReLU", {}, [10]),
    ("activation", "ReLU", {"max_value": 6.0}, [8, 8, 3]),
    ("activation", "ReLU", {"negative_slope": 0.1, "threshold": 0.5}, [None]),
    ("activation", "LeakyReLU", {}, [10]),
    ("activation", "LeakyReLU", {"negative_slope": 0.2}, [4, 4, 2]),
    ("activation", "LeakyReLU", {"alpha": 0.1}, [None, 3]),
    ("activation", "PReLU", {}, [10]),
    ("activation", "PReLU", {"shared_axes": [1, 2]}, [16, 16, 8]),
    ("activation", "PReLU", {"shared_axes": [1]}, [5, 7]),
    ("activation", "PReLU", {"shared_axes": 2}, [3, 4, 5]),
    ("activation", "PReLU", {"shared_axes": [1, 2]}, [None, None, 8]),
    ("activation", "ReLU", {"max_value": -1.0}, [3]),
    ("activation", "ELU", {}, [10]),
    ("activation", "ELU", {"alpha": 0.5}, [3, 3]),
    ("activation", "ELU", {"alpha": 2.0}, [None]),
    ("activation", "Softmax", {}, [10]),
    ("activation", "Softmax", {"axis": 1}, [4, 5]),
    ("activation", "Softmax", {"axis": -2}, [None, 3, 2]),
    # Spatial resizing
    ("resize", "ZeroPadding2D", {"padding": 3}, [224, 224, 3]),
    ("resize", "ZeroPadding2D", {"padding": [[0, 1], [0, 1]]}, [165, 165, 96]),
    ("resize", "ZeroPadding2D", {"padding": [1, 2]}, [None, 5, 2]),
    ("resize", "ZeroPadding2D", {}, [4, 4, 1]),
    ("resize", "ZeroPadding1D", {}, [10, 2]),
    ("resize", "ZeroPadding1D", {"padding": [2, 3]}, [10, 2]),
    ("resize", "ZeroPadding1D", {"padding": 4}, [None, 2]),
    ("resize", "ZeroPadding3D", {}, [4, 5, 6, 2]),
    ("resize", "ZeroPadding3D", {"padding": [1, 2, 3]}, [4, 5, 6, 2]),
    ("resize", "ZeroPadding3D", {"padding": [[0, 1], [2, 0], [1, 1]]}, [4, None, 6, 2]),
    ("resize", "Cropping2D", {"cropping": [[1, 0], [1, 0]]}, [166, 166, 96]),
    ("resize", "Cropping2D", {"cropping": 2}, [10, 12, 3]),
    ("resize", "Cropping2D", {"cropping": [1, 3]}, [None, 9, 3]),
    ("resize", "Cropping2D", {}, [5, 5, 1]),
    ("resize", "Cropping2D", {"cropping": 3}, [6, 8, 1]),
    ("resize", "Cropping1D", {}, [10, 2]),
    ("resize", "Cropping1D", {"cropping": [0, 4]}, [10, 2]),
    ("resize", "Cropping1D", {"cropping": 2}, [None, 2]),
    ("resize", "Cropping3D", {}, [5, 6, 7, 2]),
    ("resize", "Cropping3D", {"cropping": [1, 0, 2]}, [5, 6, 7, 2]),
    ("resize", "Cropping3D", {"cropping": [[0, 1], [1, 1], [2, 0]]}, [5, 6, 7, 2]),
    ("resize", "UpSampling2D", {}, [16, 16, 64]),
    ("resize", "UpSampling2D", {"size": [3, 1], "interpolation": "bilinear"}, [5, 5, 2]),
    ("resize", "UpSampling2D", {"size": 4}, [None, 7, 1]),
    ("resize", "UpSampling1D", {}, [10, 3]),
    ("resize", "UpSampling1D", {"size": 3}, [7, 1]),
    ("resize", "UpSampling1D", {"size": 5}, [None, 2]),
    ("resize", "UpSampling3D", {}, [4, 4, 4, 2]),
    ("resize", "UpSampling3D", {"size": [1, 2, 3]}, [4, 5, 6, 1]),
    ("resize", "UpSampling3D", {"size": 2}, [None, 3, 3, 1]),
    # Merges
    ("merge", "Add", {}, [[8, 8, 16], [8, 8, 16]]),
    ("merge", "Add", {}, [[8, 8, 16], [8, 8, 16], [8, 8, 16]]),
    ("merge", "Add", {}, [[None, 8, 16], [8, None, 16]]),
    ("merge", "Add", {}, [[8, 8, 16], [8, 8, 15]]),
    ("merge", "Subtract", {}, [[10], [10]]),
    ("merge", "Subtract", {}, [[4, 3], [1, 3]]),
    ("merge", "Subtract", {}, [[None, 3], [5, 3]]),
    ("merge", "Multiply", {}, [[14, 14, 96], [1, 1, 96]]),
    ("merge", "Multiply", {}, [[7, 7, 32], [32]]),
    ("merge", "Multiply", {}, [[5], [5], [5]]),
    ("merge", "Multiply", {}, [[4, 4, 3], [2, 1, 3]]),
    ("merge", "Average", {}, [[10], [10]]),
    ("merge", "Average", {}, [[3, 1], [1, 4]]),
    ("merge", "Average", {}, [[None, 2], [None, 2], [None, 2]]),
    ("merge", "Maximum", {}, [[10], [10]]),
    ("merge", "Maximum", {}, [[2, 3, 4], [3, 4]]),
    ("merge", "Maximum", {}, [[1, 6], [6, 1]]),
    ("merge", "Minimum", {}, [[10], [10]]),
    ("merge", "Minimum", {}, [[5, 5, 1], [5, 5, 8]]),
    ("merge", "Minimum", {}, [[None], [7]]),
    # InceptionResNetV2's CustomScaleLayer (not in keras.layers; see layer_class): inputs[0] + inputs[1]·scale
    ("merge", "CustomScaleLayer", {"scale": 0.17}, [[35, 35, 320], [35, 35, 320]]),
    ("merge", "CustomScaleLayer", {"scale": 1.0}, [[8, 8, 2080], [8, 8, 2080]]),
    ("merge", "CustomScaleLayer", {"scale": 0.5}, [[8, 8, 16], [1, 1, 16]]),
    ("merge", "CustomScaleLayer", {"scale": 0.1}, [[None, None, 16], [None, None, 16]]),
    ("merge", "CustomScaleLayer", {"scale": 0.1}, [[None, 8, 16], [1, 8, 16]]),
    ("merge", "CustomScaleLayer", {"scale": 0.2}, [[8, 8, 16], [8, 8, 15]]),
    ("merge", "CustomScaleLayer", {"scale": 0.1}, [[None, 8, 16], [8, 8, 16]]),
    ("merge", "CustomScaleLayer", {"scale": 0.1}, [[8, 8, 16], [16]]),
    ("merge", "Concatenate", {}, [[28, 28, 64], [28, 28, 32]]),
    ("merge", "Concatenate", {}, [[35, 35, 64], [35, 35, 64], [35, 35, 96], [35, 35, 32]]),
    ("merge", "Concatenate", {"axis": 1}, [[4, 5], [6, 5]]),
    ("merge", "Concatenate", {"axis": -2}, [[3, 4, 2], [3, 1, 2]]),
    ("merge", "Concatenate", {}, [[None, 8, 3], [16, 8, 5]]),
    ("merge", "Concatenate", {}, [[8, 8, 3], [8, 7, 3]]),
    ("merge", "Concatenate", {}, [[8, 8, 3], [8, 3]]),
    ("merge", "Concatenate", {}, [[8, None], [8, 4]]),
    # Preprocessing
    ("preprocessing", "Rescaling", {"scale": 1.0 / 255}, [224, 224, 3]),
    ("preprocessing", "Rescaling", {"scale": 2.0, "offset": -1.0}, [None, None, 3]),
    ("preprocessing", "Rescaling", {"scale": 0.5}, [10]),
    ("preprocessing", "Normalization", {}, [224, 224, 3]),
    ("preprocessing", "Normalization", {"axis": None}, [5, 5, 3]),
    ("preprocessing", "Normalization", {"axis": [1, 2]}, [4, 5, 3]),
    ("preprocessing", "Normalization", {"mean": [0.485, 0.456, 0.406], "variance": [0.052, 0.05, 0.051]}, [8, 8, 3]),
    ("preprocessing", "Normalization", {}, [12]),
    ("preprocessing", "Normalization", {"mean": [1.0, 2.0, 3.0]}, [4, 3]),
    ("preprocessing", "Normalization", {}, [4, None]),
    ("merge", "Subtract", {}, [[3], [3], [3]]),
]


def shape_list(shape):
    return [None if d is None else int(d) for d in shape]


def layer_class(kind):
    if kind == "CustomScaleLayer":
        from keras.src.applications.inception_resnet_v2 import CustomScaleLayer

        return CustomScaleLayer
    return getattr(keras.layers, kind)


def run(kind, kwargs, input_shape):
    cls = layer_class(kind)
    if kind == "InputLayer":
        layer = cls(**kwargs)
        return {"output_shape": shape_list(layer.output.shape[1:]), "trainable": 0, "non_trainable": 0}
    layer = cls(**kwargs)
    if input_shape and isinstance(input_shape[0], list):
        out = layer([keras.Input(shape=s) for s in input_shape])
    else:
        out = layer(keras.Input(shape=input_shape, dtype="int32" if kind == "Embedding" else None))
    return figures(layer, out)


def figures(layer, out):
    """A row's Keras figures: the output shape without the batch axis and the layer's weight counts."""
    trainable = sum(int(w.numpy().size) for w in layer.trainable_weights)
    non_trainable = sum(int(w.numpy().size) for w in layer.non_trainable_weights)
    return {"output_shape": shape_list(out.shape[1:]), "trainable": trainable, "non_trainable": non_trainable}


def error_text(err):
    """Keras's message without colour codes and the generic "Exception encountered" preamble."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(err))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("Exception encountered")]
    lines = [ln for ln in lines if not ln.startswith("Arguments received") and not ln.startswith("•")]
    return " ".join(lines)[:400] or type(err).__name__


def write_table(out_path, cases, run_case):
    """Runs every (family, kind, kwargs, input shape or shapes) case in Keras and writes the table the
    layer tests read: Keras's figures, or its message when it refuses the case. Shared by every
    layers*.json fixture script."""
    rows = []
    for family, kind, kwargs, input_shape in cases:
        row = {"family": family, "kind": kind, "args": kwargs}
        if kind != "InputLayer":
            row["input_shape" if not (input_shape and isinstance(input_shape[0], list)) else "input_shapes"] = input_shape
        try:
            row.update(run_case(kind, kwargs, input_shape))
        except Exception as err:  # Keras refuses: record its message
            row["error"] = error_text(err)
        rows.append(row)
    with open(out_path, "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": rows}, f, indent=1)
        f.write("\n")
    print(f"{len(rows)} cases, {sum('error' in r for r in rows)} errors -> {out_path}")
    return rows


def main():
    write_table(OUT, CASES, run)


if __name__ == "__main__":
    main()
