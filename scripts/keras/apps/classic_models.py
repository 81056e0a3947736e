"""Classic networks outside keras.applications, built by hand in Keras.

Layers are left unnamed so they get Keras's own names (conv2d, conv2d_1, ...)
in a fresh session, the names netspec gives unnamed steps.
"""
import keras
from keras import layers


def lenet5():
    """LeNet-5, classic tanh version with full C3 connections: 61,706 parameters."""
    inputs = keras.Input((32, 32, 1))
    x = layers.Conv2D(6, 5, activation="tanh")(inputs)
    x = layers.AveragePooling2D(2)(x)
    x = layers.Conv2D(16, 5, activation="tanh")(x)
    x = layers.AveragePooling2D(2)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(120, activation="tanh")(x)
    x = layers.Dense(84, activation="tanh")(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="lenet5")


def alexnet():
    """AlexNet as torchvision builds it: 61,100,840 parameters.

    torchvision's conv1 has padding=2 with stride 4, which 'same' cannot express
    (it would give 56, not 55), hence the explicit ZeroPadding2D. The 6x6
    adaptive average pooling is AdaptiveAveragePooling2D (an identity at 224x224).
    torchvision returns logits; the softmax here follows the keras.applications habit.
    """
    inputs = keras.Input((224, 224, 3))
    x = layers.ZeroPadding2D(2)(inputs)
    x = layers.Conv2D(64, 11, strides=4, activation="relu")(x)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = layers.Conv2D(192, 5, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = layers.Conv2D(384, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(256, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(256, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = layers.AdaptiveAveragePooling2D(6)(x)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.5)(x)
    x = layers.Dense(4096, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    x = layers.Dense(4096, activation="relu")(x)
    outputs = layers.Dense(1000, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="alexnet")


def _double_conv(x, filters):
    x = layers.Conv2D(filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
    return layers.Conv2D(filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)


def _up_conv(x, filters):
    x = layers.UpSampling2D(size=(2, 2))(x)
    return layers.Conv2D(filters, 2, activation="relu", padding="same", kernel_initializer="he_normal")(x)


def unet():
    """U-Net in the zhixuhao/unet layout (model.py): 31,031,685 parameters."""
    inputs = keras.Input((256, 256, 1))
    conv1 = _double_conv(inputs, 64)
    pool1 = layers.MaxPooling2D(pool_size=(2, 2))(conv1)
    conv2 = _double_conv(pool1, 128)
    pool2 = layers.MaxPooling2D(pool_size=(2, 2))(conv2)
    conv3 = _double_conv(pool2, 256)
    pool3 = layers.MaxPooling2D(pool_size=(2, 2))(conv3)
    conv4 = _double_conv(pool3, 512)
    drop4 = layers.Dropout(0.5)(conv4)
    pool4 = layers.MaxPooling2D(pool_size=(2, 2))(drop4)
    conv5 = _double_conv(pool4, 1024)
    drop5 = layers.Dropout(0.5)(conv5)

    x = drop5
    for skip, filters in ((drop4, 512), (conv3, 256), (conv2, 128), (conv1, 64)):
        up = _up_conv(x, filters)
        merged = layers.concatenate([skip, up], axis=3)
        x = _double_conv(merged, filters)
    x = layers.Conv2D(2, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
    outputs = layers.Conv2D(1, 1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="unet")
