"""Independent oracle for netspec's MACs and receptive fields: XLA's cost analysis and JAX.

For every single-layer case of test/fixtures/keras/layers*.json (Keras accepted it, every input
dim known) this builds the same Keras layer on the JAX backend and records:

- MACs. The layer's forward pass is traced to a jaxpr; every convolution (conv_general_dilated)
  and matmul (dot_general) in it is compiled alone and XLA's HloCostAnalysis flops are read
  (`jax.jit(op).lower(...).compile().cost_analysis()`). XLA counts 2 flops per multiply-add of
  these ops, but only for kernel taps that land on real input: taps on 'same' padding and, for
  transposed convolutions, on the holes of the dilated input and outside the cropped output are
  skipped. So each conv is also compiled in a dense form that makes every tap real (padding done
  by an explicit lax.pad before a 'valid' conv; a transposed conv with full k_eff − 1 padding, so
  every input value meets every kernel tap), which is netspec's convention:
    conv_dot_flops        XLA, the op as Keras runs it;
    dense_conv_dot_flops  XLA, every tap counted (= 2·netspec MACs for weighted layers);
    total_flops           XLA, the whole layer (bias adds, activations, normalisation included).
- Receptive field, per spatial axis, as the dependency of output pixels on input pixels. Weights
  are set positive (kernels 1/fan_in, biases 0, BatchNormalization's moving statistics 0 and 1),
  so no cancellation hides a pixel. For each axis a, the input hyperplane at index p (all other
  positions, all channels, with a channel-dependent bump so channel-wise normalisations see it)
  is raised, and the output positions along a (through the centre of the other axes) that change
  are recorded. The extent of the set of p that reach one output position, maximised over
  interior output positions, is the receptive field size; the shift of its start between
  outputs m apart (m = the layer's upsampling factor) divided by m is the jump. Spatial inputs
  too small for the window are enlarged so that borders clip nothing (extents do not depend on
  the input size). Max pooling needs no special case: raising an input in the window raises the
  max.

Library specs: every spec in specs/, built in Keras as apps_fixture.py (keras.applications, LeNet-5,
AlexNet, U-Net), medical_fixture.py (3D CNN, 3D U-Net, detector) and attention_fixture.py (the
ViTs) build them, with zero weights (the MACs do not depend on them). Total conv+matmul MACs as
above (traced whole model, every conv/dot op costed alone, cached by signature; with --lowered
from the lowered HLO's cost analysis, no compile). Receptive fields at the stage ends (the last
layer of each 2D or 3D output shape) by the support of the input gradient of the stage end's
centre pixel, on the model up to it, jit-compiled once per stage end: weights positive (every
kernel entry its own factor), max pooling switched to average pooling of the same window (the
max's gradient reaches only the argmax), Rescaling offsets 0 and a tiny positive input, so no ReLU
is off and no gate saturates.

Run from the repository root:
    KERAS_BACKEND=jax .venv-keras/bin/python scripts/keras/macs_rf_fixture.py [--rows [--reuse [--only-new]]] [--lowered --apps name ...]
writes test/fixtures/keras/macs-rf.json (rows) and test/fixtures/keras/macs-rf-apps.json (specs).
"""
import glob
import json
import math
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "apps"))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

FIXTURES = os.path.join("test", "fixtures", "keras")
ROWS_OUT = os.path.join(FIXTURES, "macs-rf.json")
APPS_OUT = os.path.join(FIXTURES, "macs-rf-apps.json")

# ---------------------------------------------------------------- XLA flops of conv and dot ops


# --lowered: read the cost analysis of the lowered, unoptimised HLO instead of compiling each op
# (the same HloCostAnalysis, without XLA's compile: much faster on the library's big models).
LOWERED = "--lowered" in sys.argv


def _cost_flops(fn, avals, lowered=False):
    stage = jax.jit(fn).lower(*[jax.ShapeDtypeStruct(a.shape, a.dtype) for a in avals])
    cost = stage.cost_analysis() if lowered else stage.compile().cost_analysis()
    if isinstance(cost, list):
        cost = cost[0]
    return float(cost.get("flops", 0.0)) if cost else 0.0


def _dense_conv(params, rhs_shape):
    """The same convolution with every kernel tap on a real (possibly zero) input value."""
    dn = params["dimension_numbers"]
    rhs_spatial = [rhs_shape[d] for d in dn.rhs_spec[2:]]
    rhs_dil = params["rhs_dilation"]
    if any(d > 1 for d in params["lhs_dilation"]):
        # Transposed: full padding, so every input value meets every tap.
        full = [(r * (k - 1), r * (k - 1)) for k, r in zip(rhs_spatial, rhs_dil)]
        return lambda lhs, rhs: lax.conv_general_dilated_p.bind(lhs, rhs, **{**params, "padding": tuple(full)})
    padding = params["padding"]

    def conv(lhs, rhs, zero):
        # The pad value is an argument: a constant zero pad would be folded back into the conv's
        # window padding by XLA's simplifier, and its taps skipped again.
        config = [(0, 0, 0)] * lhs.ndim
        for i, d in enumerate(dn.lhs_spec[2:]):
            config[d] = (padding[i][0], padding[i][1], 0)
        padded = lax.pad(lhs, zero, config)
        return lax.conv_general_dilated_p.bind(padded, rhs, **{**params, "padding": tuple((0, 0) for _ in padding)})

    return conv


_cache = {}


def _op_flops(eqn, dense):
    avals = [v.aval for v in eqn.invars]
    dense = dense and eqn.primitive.name == "conv_general_dilated"  # a matmul has no padding
    key = (eqn.primitive.name, dense, tuple((a.shape, str(a.dtype)) for a in avals), repr(sorted(eqn.params.items(), key=lambda kv: kv[0])))
    if key not in _cache:
        if dense and eqn.primitive.name == "conv_general_dilated":
            fn = _dense_conv(eqn.params, avals[1].shape)
            if not any(d > 1 for d in eqn.params["lhs_dilation"]):
                avals = avals + [jax.core.ShapedArray((), avals[0].dtype)]
        else:
            fn = lambda *xs, eqn=eqn: eqn.primitive.bind(*xs, **eqn.params)  # noqa: E731
        _cache[key] = _cost_flops(fn, avals, LOWERED)
    return _cache[key]


def _sub_jaxprs(value):
    if hasattr(value, "eqns"):
        yield value
    elif hasattr(value, "jaxpr") and hasattr(value.jaxpr, "eqns"):
        yield value.jaxpr
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _sub_jaxprs(item)


def conv_dot_flops(jaxpr, dense):
    total = 0.0
    for eqn in jaxpr.eqns:
        if eqn.primitive.name in ("conv_general_dilated", "dot_general"):
            total += _op_flops(eqn, dense)
        for value in eqn.params.values():
            for sub in _sub_jaxprs(value):
                total += conv_dot_flops(sub, dense)
    return total


def flops_of(fn, inputs, whole=True):
    """Conv/dot flops as run and dense; with `whole`, also the whole function's flops (elementwise work)."""
    closed = jax.make_jaxpr(fn)(*inputs)
    figures = {
        "conv_dot_flops": conv_dot_flops(closed.jaxpr, dense=False),
        "dense_conv_dot_flops": conv_dot_flops(closed.jaxpr, dense=True),
    }
    if whole:
        figures["total_flops"] = _cost_flops(fn, [jax.core.ShapedArray(x.shape, x.dtype) for x in inputs])
    return figures


# ---------------------------------------------------------------- weights without cancellation


def set_positive_weights(layers, vary=False):
    """Kernels 1/fan_in; with `vary` (the library probe), every kernel entry scaled by its own factor
    in 0.75 to 1.25, so channels differ and a normalisation over channels (LayerNormalization: Σ_c
    of its output is 0 whatever the input) still passes a gradient, with a depthwise kernel's true
    fan-in (else a few depthwise layers shrink a tiny input to 0)."""
    for layer in layers:
        for w in layer.weights:
            name = w.path.split("/")[-1]
            shape = tuple(w.shape)
            if name in ("moving_mean", "bias", "beta") or "bias" in name:
                value = np.zeros(shape)
            elif name in ("moving_variance", "gamma", "variance"):
                value = np.ones(shape)
            elif name == "mean":
                value = np.zeros(shape)
            elif len(shape) >= 2:
                # A depthwise kernel (kh, kw, channels, multiplier) reads kh·kw inputs per output.
                depthwise = "depthwise" in name or ("Depthwise" in type(layer).__name__ and name == "kernel")
                fan_in = int(np.prod(shape[:-2] if vary and depthwise else shape[:-1]))
                value = np.full(shape, 1.0 / max(1, fan_in))
                if vary:  # every tap its own factor: a Dense after a LayerNormalization must not sum its inputs evenly
                    value = value * (0.75 + 0.5 * ((np.arange(value.size).reshape(shape) * 0.618) % 1.0))
            else:
                value = np.ones(shape)
            w.assign(value.astype(w.dtype))


# ---------------------------------------------------------------- single-layer rows


def layer_class(kind):
    if kind == "LayerScale":
        from keras.src.applications.convnext import LayerScale

        return LayerScale
    if kind == "CustomScaleLayer":
        from keras.src.applications.inception_resnet_v2 import CustomScaleLayer

        return CustomScaleLayer
    return getattr(keras.layers, kind)


def window_extent(args, rank):
    """A generous bound on one axis's window, to size the enlarged receptive-field input."""

    def per_axis(key, default):
        v = args.get(key, default)
        if v is None:
            v = default
        return v if isinstance(v, list) else [v] * rank

    k = per_axis("kernel_size", per_axis("pool_size", 2)[0])
    d = per_axis("dilation_rate", 1)
    s = per_axis("strides", 1)
    size = per_axis("size", 1)
    crop = args.get("cropping", 0)
    crop_total = sum(np.array(crop).flatten().tolist()) if crop else 0
    return [int(d[i] * (k[i] - 1) + 1 + 2 * s[i] * size[i]) for i in range(rank)], crop_total


# Layers that move values between axes: a per-axis receptive field means nothing there (netspec
# reports none, as after Flatten).
AXES_MOVED = {"Reshape", "Permute"}

# Layers whose reading depends on the input's size: a resize to a fixed height × width (its scale is
# input/output) and group statistics (blocks of a channel axis). These are measured at the row's
# own input size, and a resize's jump over the smallest period of its pattern (the scale need not
# be a whole number: 128 → 48 pixels starts its windows 3, 3, 2, 3, 3, 2, … pixels apart).
AT_ROW_SIZE = {"Resizing", "CenterCrop", "RandomCrop", "GroupNormalization"}
RESIZES = {"Resizing", "CenterCrop", "RandomCrop"}


def periodic_jump(starts, lo, hi):
    """The smallest m whose shift starts[o + m] − starts[o] is the same for every measured o (at
    from at least m starting points, so the whole pattern is seen), over m."""
    for m in range(1, max(1, (hi - lo) // 2) + 1):
        shifts = [starts[o + m] - starts[o] for o in range(lo, hi - m) if o in starts and o + m in starts]
        if len(shifts) >= m and len(set(shifts)) == 1:
            return shifts[0] / m
    return None


def receptive_of(kind, args, input_shapes):
    """Per-axis (size, jump) from the dependency of outputs on inputs, or None."""
    shape = input_shapes[0]
    rank = len(shape) - 1
    if rank < 1 or any(s != shape for s in input_shapes):
        return None
    if kind in AXES_MOVED:
        return {"global": True, "why": "values move between axes"}
    first = args.get("data_format") == "channels_first"
    if first:  # measure on the channels-last twin's axes: spatial axes are 1..r here
        shape = shape[1:] + shape[:1]
    extent, crop_total = window_extent(args, rank)
    # Any size works for a window (extents do not depend on it): a small one, with room for the
    # window on both sides of the middle third of the output.
    spatial = [(4 if rank < 3 else 3) * e + 2 * crop_total + (16 if rank < 3 else 6) for e in extent]
    if kind in AT_ROW_SIZE:
        spatial = list(shape[:rank])
    full = spatial + [shape[rank]]
    built = [full[rank]] + spatial if first else full
    layer = layer_class(kind)(**args)
    inputs = [keras.Input(shape=built) for _ in input_shapes]
    out = layer(inputs if len(inputs) > 1 else inputs[0])
    if len(out.shape) != len(full) + 1:
        return {"global": True}
    set_positive_weights([layer])
    call = jax.jit(lambda *xs: layer(list(xs) if len(xs) > 1 else xs[0], training=False))
    # Channels-first layers are fed and read channels-last here, so the axes below are the same.
    to_first = (0, rank + 1, *range(1, rank + 1))
    to_last = (0, *range(2, rank + 2), 1)
    fn = (lambda *xs: jnp.transpose(call(*[jnp.transpose(x, to_first) for x in xs]), to_last)) if first else call
    rng = np.random.default_rng(0)
    base = (1.0 + 0.01 * rng.random([1] + full)).astype("float32")
    channel_bump = (1.0 + np.arange(shape[rank])).astype("float32")
    ref = np.asarray(fn(*[np.repeat(base, 33, axis=0)] * len(inputs)))[:1]
    sizes, jumps = [], []
    for axis in range(rank):
        n_in, n_out = full[axis], ref.shape[1 + axis]
        # For every input index p: which outputs along the axis (centre of the other axes) change.
        reach = np.zeros((n_out, n_in), bool)
        for start in range(0, n_in, 32):
            ps = list(range(start, min(n_in, start + 32)))
            batch = np.repeat(base, 33, axis=0)  # one batch size, one compilation (row 32 stays the base)
            for b, p in enumerate(ps):
                index = [b] + [slice(None)] * rank + [slice(None)]
                index[1 + axis] = p
                batch[tuple(index)] += 2.0 * channel_bump
            outs = np.asarray(fn(*[batch] * len(inputs)))
            centre = [slice(None)] + [ref.shape[1 + a] // 2 if a != axis else slice(None) for a in range(rank)] + [slice(None)]
            diff = np.abs(outs[tuple(centre)] - ref[tuple(centre)]).max(axis=-1)  # (batch, n_out)
            reach[:, ps] = (diff[: len(ps)] > 1e-5 * (1.0 + np.abs(ref).max())).T
        m = max(1, round(n_out / n_in))
        lo_o, hi_o = n_out // 3, n_out - n_out // 3
        if kind in RESIZES:  # the input is the row's own: every output whose reading the border does not clip
            lo_o, hi_o = 0, n_out
        size, starts, widths = 0, {}, {}
        for o in range(lo_o, hi_o):
            hit = np.nonzero(reach[o])[0]
            if hit.size and (kind not in RESIZES or (hit[0] > 0 and hit[-1] < n_in - 1)):
                size = max(size, int(hit[-1] - hit[0] + 1))
                starts[o], widths[o] = int(hit[0]), int(hit[-1] - hit[0] + 1)
        o1 = n_out // 2
        if kind in RESIZES:
            # Only whole windows: a resize after a crop is cut short at the crop's edge, not the input's.
            jumps.append(periodic_jump({o: p for o, p in starts.items() if widths[o] == size}, lo_o, hi_o))
        else:
            jumps.append((starts[o1 + m] - starts[o1]) / m if o1 in starts and o1 + m in starts else None)
        sizes.append(size)
        if size >= n_in:  # every output reads the whole axis: no finite field (global pooling, norms over it)
            return {"global": True, "why": f"axis {axis} is read whole"}
    return {"size": sizes, "jump": jumps}


def row_entry(row):
    kind, args = row["kind"], row["args"]
    shapes = row.get("input_shapes") or ([row["input_shape"]] if "input_shape" in row else [])
    entry = {"kind": kind, "args": args, "input_shapes": shapes}
    known = all(d is not None for s in shapes for d in s)
    if known:
        layer = layer_class(kind)(**args)
        dtype = "int32" if kind == "Embedding" else "float32"
        inputs = [keras.Input(shape=s, dtype=dtype) for s in shapes]
        layer(inputs if len(inputs) > 1 else inputs[0])
        xs = [jnp.ones([1] + s, dtype) for s in shapes]
        # The whole layer's flops (bias adds, normalisation, activations) only where there is no conv.
        entry.update(flops_of(lambda *x: layer(list(x) if len(x) > 1 else x[0], training=False), xs, whole="Conv" not in kind))
    if kind != "Embedding":
        entry["receptive"] = receptive_of(kind, args, [[d if d is not None else 8 for d in s] for s in shapes])
    return entry


# Receptive-field cases beyond the layer tables: resampling kernels and dilated transposed convs.
EXTRA_ROWS = [
    {"kind": "UpSampling2D", "args": {"size": 2, "interpolation": "bicubic"}, "input_shape": [6, 6, 2]},
    {"kind": "UpSampling2D", "args": {"size": [3, 2], "interpolation": "lanczos3"}, "input_shape": [6, 6, 2]},
    {"kind": "UpSampling2D", "args": {"size": [2, 4], "interpolation": "lanczos5"}, "input_shape": [6, 6, 2]},
    {"kind": "UpSampling2D", "args": {"size": [1, 3], "interpolation": "bilinear"}, "input_shape": [6, 6, 2]},
    {"kind": "Conv2DTranspose", "args": {"filters": 2, "kernel_size": [3, 5], "strides": [4, 3]}, "input_shape": [6, 6, 2]},
    {"kind": "Conv1DTranspose", "args": {"filters": 2, "kernel_size": 4, "dilation_rate": 3}, "input_shape": [6, 2]},
    {"kind": "Conv1DTranspose", "args": {"filters": 2, "kernel_size": 7, "strides": 2, "padding": "same"}, "input_shape": [6, 2]},
]


# With --reuse, rows already in macs-rf.json keep their figures unless their kind is listed here
# (rules or the oracle's reading of them changed); the machine is shared and XLA compiles are slow.
REMEASURE = ("Resizing", "CenterCrop", "RandomCrop", "GroupNormalization", "Dot")


def remeasure(row):
    return any(part in row["kind"] for part in REMEASURE)


# --only-new: measure only the rows macs-rf.json does not have yet.
ONLY_NEW = "--only-new" in sys.argv


def row_key(row):
    shapes = row.get("input_shapes") or ([row["input_shape"]] if "input_shape" in row else [])
    return json.dumps([row["kind"], row["args"], shapes], sort_keys=True)


def table_rows():
    sources = [json.load(open(path))["cases"] for path in sorted(glob.glob(os.path.join(FIXTURES, "layers*.json")))]
    return [row for rows in sources + [EXTRA_ROWS] for row in rows if "error" not in row and row["kind"] != "InputLayer"]


def write_rows(path, entries):
    with open(path, "w") as f:
        json.dump({"keras_version": keras.__version__, "jax_version": jax.__version__, "cases": entries}, f, indent=1)
        f.write("\n")


def rows_main(reuse, part=0, parts=1):
    """Rows i with i % parts == part (so a shared machine's two cores can each take half); each
    part is written after every row to ROWS_OUT.part<i>, and `--merge` joins the parts."""
    previous = {}
    if reuse and os.path.exists(ROWS_OUT):
        previous = {row_key(r): r for r in json.load(open(ROWS_OUT))["cases"] if "oracle_error" not in r}
    entries = []
    all_rows = table_rows()
    out = ROWS_OUT if parts == 1 else f"{ROWS_OUT}.part{part}"
    for index, row in enumerate(all_rows):
        if index % parts != part:
            continue
        if True:
            old = previous.get(row_key(row))
            if old is not None and (ONLY_NEW or not remeasure(row)):
                entries.append(old)
                continue
            try:
                entries.append(row_entry(row))
            except Exception as err:  # a row this oracle cannot run: say so in the fixture
                entries.append({"kind": row["kind"], "args": row["args"], "input_shapes": row.get("input_shapes") or [row.get("input_shape")], "oracle_error": str(err)[:300]})
            if parts > 1:
                entries[-1]["index"] = index  # for --merge
            write_rows(out, entries)
            print(entries[-1]["kind"], {k: v for k, v in entries[-1].items() if k not in ("kind", "args", "input_shapes")}, flush=True)
    write_rows(out, entries)  # also the rows kept from the previous run after the last one measured
    print(f"{len(entries)} rows -> {out}")


def merge_parts():
    """The rows in table order: measured in a part, else kept from the previous macs-rf.json."""
    measured = {}
    for path in sorted(glob.glob(ROWS_OUT + ".part*")):
        for entry in json.load(open(path))["cases"]:
            entry.pop("index", None)
            measured[row_key({**entry, "input_shapes": entry["input_shapes"]})] = entry
    previous = {row_key(r): r for r in json.load(open(ROWS_OUT))["cases"]} if os.path.exists(ROWS_OUT) else {}
    entries, missing = [], 0
    for row in table_rows():
        key = row_key(row)
        entry = measured.get(key) or (previous.get(key) if not remeasure(row) else None)
        if entry is None:
            missing += 1
        else:
            entries.append(entry)
    write_rows(ROWS_OUT, entries)
    print(f"{len(entries)} rows -> {ROWS_OUT}; {missing} not measured")


# ---------------------------------------------------------------- library specs


def _gradient_friendly(model):
    """In place (cheaper than a clone: the library's big models take minutes to build):
    - max pooling becomes average pooling of the same window: a max's gradient reaches only the
      argmax, an average reads the same pixels (Keras's pooling layers run either from `pool_mode`);
    - a Rescaling's offset becomes 0: MobileNetV3's and EfficientNetV2's x/127.5 − 1 would make a
      positive input negative, and the ReLUs after it would pass no gradient at all."""
    for layer in model.layers:
        if getattr(layer, "pool_mode", None) == "max":
            layer.pool_mode = "average"
        if isinstance(layer, keras.layers.Rescaling):
            layer.offset = 0.0
        if isinstance(layer, keras.Model):
            _gradient_friendly(layer)


def stage_ends(model):
    """The last layer (in Keras's order) of every spatial (2D or 3D) output shape: block and stage outputs."""
    last = {}
    for layer in model.layers:
        shape = layer.output.shape if not isinstance(layer.output, (list, tuple)) else None
        if shape is None or len(shape) not in (4, 5) or layer.__class__.__name__ == "InputLayer":
            continue
        if all(d == 1 for d in shape[1:-1]):  # a squeeze-and-excitation gate or a pooled head: no window to see
            continue
        last[tuple(shape[1:])] = layer.name
    return list(dict.fromkeys(last.values()))


def receptive_at(model, names):
    """Per chosen layer: the bounding box of the input-gradient support of its centre pixel. Changes
    the model's weights and pooling: measure its MACs first."""
    _gradient_friendly(model)
    set_positive_weights(model.layers, vary=True)
    shape = [1] + list(model.inputs[0].shape[1:])
    # A tiny positive input keeps every gate in its linear part: after dozens of residual adds a
    # squeeze-and-excitation sigmoid of an O(1) input saturates, and its zero derivative would hide
    # the gate's dependence on the whole image (global pooling).
    x = jnp.asarray(1e-12 * (1.0 + 0.5 * np.random.default_rng(0).random(shape)), "float32")
    result = {}
    clipped_run = 0
    for name in names[:MOST_STAGE_ENDS]:
        if clipped_run == CLIPPED_ENOUGH:
            break
        # The model up to this stage end alone: one XLA compile of its forward and backward pass
        # (the weights an argument, not constants), as cheap as the stage end is early.
        probe = keras.Model(model.inputs, model.get_layer(name).output)
        weights = ([v.value for v in probe.trainable_variables], [v.value for v in probe.non_trainable_variables])
        y = jax.eval_shape(lambda w, x: probe.stateless_call(*w, x, training=False)[0], weights, x)
        centre = (0, *(d // 2 for d in y.shape[1:-1]))
        # Channels weighted unequally: the plain sum of a LayerNormalization's outputs has no gradient.
        cot = np.zeros(y.shape, "float32")
        cot[centre] = 1.0 + 0.5 * ((np.arange(y.shape[-1]) * 0.618) % 1.0)

        @jax.jit
        def input_gradient(weights, x, cot):
            _, vjp = jax.vjp(lambda x: probe.stateless_call(*weights, x, training=False)[0], x)
            return vjp(cot)[0]

        grad = input_gradient(weights, x, cot)
        support = np.nonzero(np.abs(np.asarray(grad)[0]).sum(axis=-1) > 0)
        if support[0].size == 0:  # no gradient at all: say so, the test fails on it
            result[name] = {"output_shape": [int(d) for d in y.shape[1:]], "size": None, "clipped": False}
            continue
        box = [(int(a.min()), int(a.max())) for a in support]
        touches = any(lo == 0 or hi == n - 1 for (lo, hi), n in zip(box, shape[1:-1]))
        result[name] = {
            "output_shape": [int(d) for d in y.shape[1:]],
            "size": [hi - lo + 1 for lo, hi in box],
            "clipped": bool(touches),
        }
        clipped_run = clipped_run + 1 if touches else 0
    return result


# Each stage end costs a compile and a backward pass of the model up to it (minutes for a late one
# in a big model on a loaded machine), and once the support reaches the border it only bounds
# netspec's field from below: the first MOST_STAGE_ENDS, stopping after CLIPPED_ENOUGH in a row
# whose support does.
CLIPPED_ENOUGH = 2
MOST_STAGE_ENDS = 10


def library_models():
    """spec name -> (display name, builder): keras.applications and the hand-built models of
    apps_fixture.py, the medical models of medical_fixture.py, the ViTs of attention_fixture.py."""
    import apps_fixture  # noqa: E402
    import attention_fixture  # noqa: E402
    import medical_fixture  # noqa: E402

    vit = attention_fixture.vit
    return {
        **apps_fixture.MODELS,
        **medical_fixture.MODELS,
        "vit_b16": ("ViT-B/16", lambda: vit("vit_b16", 224, 16, 768, 12, 12, 3072, 1000, 3)),
        "vit_medmnist": ("ViT for 28x28 MedMNIST", lambda: vit("vit_medmnist", 28, 4, 64, 4, 4, 128, 9, 3)),
    }


def _zero_initialised_variables():
    """Build the library's models with zero weights: their MACs do not depend on the values and the
    receptive-field probe sets its own, while random initialisation compiles one XLA random kernel
    per distinct weight shape (minutes on a loaded machine)."""
    from keras.src.backend.common import variables

    def zeros(self, _initializer):
        self._initialize(self._convert_to_tensor(np.zeros(self._shape, dtype=self._dtype)))

    variables.Variable._initialize_with_initializer = zeros


def apps_main(selected):
    _zero_initialised_variables()
    models = library_models()
    out = json.load(open(APPS_OUT)) if os.path.exists(APPS_OUT) else {"keras_version": keras.__version__, "specs": {}}
    for name in selected or models:
        display, build = models[name]
        started = time.time()
        keras.backend.clear_session()
        model = build()
        x = jnp.ones([1] + list(model.inputs[0].shape[1:]), "float32")
        closed = jax.make_jaxpr(lambda x: model(x, training=False))(x)
        phases = [time.time()]
        entry = {
            "keras_name": display,
            "input_shape": [int(d) for d in model.inputs[0].shape[1:]],
            "conv_dot_flops": conv_dot_flops(closed.jaxpr, dense=False),
        }
        phases.append(time.time())
        entry["dense_conv_dot_flops"] = conv_dot_flops(closed.jaxpr, dense=True)
        phases.append(time.time())
        entry["receptive"] = receptive_at(model, stage_ends(model))
        phases.append(time.time())
        print(name, "build+trace, flops, dense flops, receptive:", [round(b - a) for a, b in zip([started] + phases, phases)], file=sys.stderr, flush=True)
        out["specs"][name] = entry
        with open(APPS_OUT + ".tmp", "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
        os.replace(APPS_OUT + ".tmp", APPS_OUT)  # saved after every spec, never half-written
        print(name, entry["dense_conv_dot_flops"] / 2, f"{time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    if "--apps" not in sys.argv or "--rows" in sys.argv:  # --rows [--reuse [--only-new]] [--part i/n] | --rows --merge
        if "--merge" in sys.argv:
            merge_parts()
        else:
            part, parts = (int(v) for v in sys.argv[sys.argv.index("--part") + 1].split("/")) if "--part" in sys.argv else (0, 1)
            rows_main("--reuse" in sys.argv, part, parts)
    if "--apps" in sys.argv:
        apps_main([a for a in sys.argv[sys.argv.index("--apps") + 1 :] if not a.startswith("--")])
