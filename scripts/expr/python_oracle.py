"""Evaluates each expression case with Python's own eval and writes test/fixtures/expr/python.json.

Run: python3 scripts/expr/python_oracle.py
The test suite reads the JSON; it never runs Python. Each case is {source, env, value} or {source, env, error}
where error is the Python exception's class name. Tuples become lists, as netspec evaluates both to arrays.
"""
import json
import math
import os

ENV = {"i": 0, "j": 2, "width": 64, "alpha": 0.75, "depth": 1.2, "name": "conv", "flag": True, "nothing": None, "xs": [1, 2, 3]}


def _make_divisible(v, divisor=8, min_value=None):
    # Exactly as MobileNet (keras.applications.mobilenet_v2) defines it.
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


BUILTINS = {"min": min, "max": max, "floor": math.floor, "ceil": math.ceil, "round": round, "abs": abs,
            "int": int, "float": float, "len": len, "make_divisible": _make_divisible}

PRECEDENCE = [
    "1 + 2 * 3", "(1 + 2) * 3", "2 ** 3 ** 2", "(2 ** 3) ** 2", "-2 ** 2", "(-2) ** 2", "2 ** -1", "-2 ** -2",
    "2 ** -3 * 4", "- - 3", "+-+3", "10 - 4 - 3", "10 - (4 - 3)", "100 / 10 / 5", "2 * 3 % 4", "7 - 2 * 3 ** 2",
    "4 * width", "width // 3 * 3", "-width // 5", "not 1 == 2", "not i", "not not i", "1 < 2 < 3", "3 > 2 > 1 > 1",
    "0 < i < 3", "1 < 3 > 2", "1 == 1.0", "1 != 2 == 2", "i == 0", "True == 1", "True + True", "-True",
    "1 or 2", "0 or 2", "0 and 2", "1 and 2", "None or 'x'", "'' or 'y'", "[] or [1]", "1 and 0 or 3",
    "1 or 0 and 0", "not 0 and 1", "2 if i == 0 else 1", "2 if j == 0 else 1", "1 if 0 else 2 if 0 else 3",
    "(1 if 0 else 2) if 1 else 3", "1 + 2 if i else 3 + 4", "i + 1 if not i else i - 1", "'a' + 'b'", "[1] + [2, 3]",
    "[1] * 3", "3 * [0]", "[1, 2] * 0", "'ab' * 2", "(1, 2)", "(1,)", "()", "[]", "[1, (2, 3), [4]]", "(3, 3)",
    "'a' < 'b'", "'b' <= 'a'", "[1, 2] == [1, 2]", "None == None", "None == 0", "'1' == 1", "1e-3", "1.001e-5",
    ".5 + .5", "1. + 2", "1e3 // 7", "2 ** 10", "2 ** 0.5", "0 ** 0", "2.5 ** 2", "7 / 2", "-7 / 2", "7 // 2",
    "-7 // 2", "7 // -2", "-7 // -2", "7 % 3", "-7 % 3", "7 % -3", "-7 % -3", "5.5 % 2", "-5.5 % 2", "5.5 // 2",
    "-5.5 // 2", "1 // 0.1", "1 % 0.1", "0.1 + 0.2", "3 * 0.1", "2 * alpha * width", "width * depth",
    "'it\\'s'", "\"say \\\"hi\\\"\"", "'tab\\there'", "'a\\\\b'", "'\\x41\\u00e9'",
]

FUNCTIONS = [
    "min(3, 1, 2)", "max(3, 1, 2)", "min([4, 5])", "max((4, 5))", "max('a', 'b')", "min(1, 2.5)", "max(True, 0)",
    "floor(2.7)", "floor(-2.7)", "ceil(2.1)", "ceil(-2.1)", "abs(-3)", "abs(-2.5)", "int(2.9)", "int(-2.9)",
    "int('42')", "int(' -7 ')", "int(True)", "float(3)", "float('1e-3')", "float('2.5')", "len('abc')", "len([1, 2])",
    "len(())", "round(0.5)", "round(1.5)", "round(2.5)", "round(-0.5)", "round(-1.5)", "round(2.675, 2)",
    "round(0.125, 2)", "round(0.375, 2)", "round(1.25, 1)", "round(1250, -2)", "round(1350, -2)", "round(3.14159, 3)",
    "round(7)", "make_divisible(32 * alpha, 8)", "make_divisible(32 * 0.35)", "make_divisible(16 * 1.4, 8)",
    "make_divisible(3, 8)", "make_divisible(90, 8)", "make_divisible(91, 8)", "make_divisible(12, 8)",
    "make_divisible(100, 16)", "make_divisible(10, 4, 16)", "make_divisible(v=27, divisor=4)",
    "make_divisible(27.5, divisor=4, min_value=None)", "make_divisible(1280 * 1.4)", "make_divisible(96 * 0.5)",
    "make_divisible(0.5, 8)", "make_divisible(-20, 8)", "max(1, min(width, 100))", "int(width / 3)",
]

MAKE_DIVISIBLE_GRID = [
    f"make_divisible({c} * {a}, {d})"
    for c in (16, 24, 32, 40, 64, 96, 160, 320, 1280)
    for a in (0.35, 0.5, 0.75, 1.0, 1.3, 1.4)
    for d in (4, 8)
]

ERRORS = [
    "'a' * 'b'", "1 / 0", "1 // 0", "1 % 0", "1 + 'a'", "'a' - 'b'", "-'a'", "1 < 'a'", "None < 1",
    "[1] * 1.5", "0 ** -1", "len(3)", "int('4.5')", "float('abc')", "min()", "min([])", "max(1, 'a')",
    "floor('a')", "round(1.5, 0.5)", "make_divisible(10, 0)", "abs(1, 2)",
]


def run(source):
    try:
        value = eval(source, {"__builtins__": BUILTINS}, dict(ENV))
    except Exception as exc:  # noqa: BLE001 — the class name is the fixture
        return {"source": source, "error": type(exc).__name__}
    return {"source": source, "value": to_json(value)}


def to_json(value):
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    if isinstance(value, float) and value == int(value) and abs(value) < 2 ** 53:
        return int(value) if value != 0 or math.copysign(1, value) > 0 else 0
    return value


def main():
    out = {
        "env": ENV,
        "precedence": [run(s) for s in PRECEDENCE],
        "functions": [run(s) for s in FUNCTIONS],
        "make_divisible": [run(s) for s in MAKE_DIVISIBLE_GRID],
        "errors": [run(s) for s in ERRORS],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "expr", "python.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
