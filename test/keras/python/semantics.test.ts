// Python semantics of the interpreter, on values: expected texts are CPython's own str() of each value
// (computed once with python3 when this table was written; npm test runs no Python).
import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../../../src/diagnostics/diagnostic.js';
import { readPythonKeras } from '../../../src/keras/python/index.js';

/** The value of `v` after `code`, read back through a layer name (names are str(v), as Keras would take them). */
function valueOf(code: string): string | undefined {
  const text = `import keras\nfrom keras import layers\n${code}\ni = keras.Input((2,))\nmodel = keras.Model(i, layers.Dense(1, name=str(v))(i))\n`;
  const bag = new DiagnosticBag();
  const graph = readPythonKeras(text, 'values.py', bag);
  expect(bag.items.filter((d) => d.severity === 'error')).toEqual([]);
  return graph?.nodes[0]?.layer;
}

const expressions: [expression: string, python: string][] = [
  ['7 // 2', '3'],
  ['-7 // 2', '-4'],
  ['-7 % 3', '2'],
  ['2 ** 10', '1024'],
  ['2 ** -1', '0.5'],
  ['1 / 4', '0.25'],
  ['0.1 + 0.2', '0.30000000000000004'],
  ['1e-5', '1e-05'],
  ['3.0', '3.0'],
  ['10 / 2', '5.0'],
  ['[1, 2, 3][::-1]', '[3, 2, 1]'],
  ['(1, 2, 3)[1:]', '(2, 3)'],
  ["'abcdef'[-2:]", 'ef'],
  ['[i * i for i in range(5) if i % 2 == 0]', '[0, 4, 16]'],
  ["[(a, b) for a in range(2) for b in 'xy']", "[(0, 'x'), (0, 'y'), (1, 'x'), (1, 'y')]"],
  ["list(zip([1, 2, 3], 'ab'))", "[(1, 'a'), (2, 'b')]"],
  ["list(enumerate(['a', 'b'], start=1))", "[(1, 'a'), (2, 'b')]"],
  ['sorted([3, 1, 2])', '[1, 2, 3]'],
  ['max(3, 9, 4)', '9'],
  ['min([5, 2, 8])', '2'],
  ['sum(range(10))', '45'],
  ["len({'a': 1, 'b': 2})", '2'],
  ['1 < 2 < 3', 'True'],
  ['1 < 3 < 2', 'False'],
  ["'x' if 0 else 'y'", 'y'],
  ["None or 'fallback'", 'fallback'],
  ['0 and 5', '0'],
  ['f\'{3:03d}-{2.5:.2f}-{"s"}\'', '003-2.50-s'],
  ["'{}-{}'.format(1, 'two')", '1-two'],
  ["'%s_%d' % ('conv', 3)", 'conv_3'],
  ["'_'.join(['a', 'b', 'c'])", 'a_b_c'],
  ['(1,)', '(1,)'],
  ['[]', '[]'],
  ["{'k': (1, 2)}['k']", '(1, 2)'],
  ['round(2.5)', '2'],
  ['round(3.5)', '4'],
  ["int('42') + int(7.9)", '49'],
  ['abs(-3)', '3'],
  ['str(1.0)', '1.0'],
  ['True + True', '2'],
];

const statements: [code: string, python: string][] = [
  ['a, *rest = [1, 2, 3]\nv = rest', '[2, 3]'],
  ['xs = [1]\nxs += [2]\nxs.append(3)\nv = xs', '[1, 2, 3]'],
  ['def outer(n):\n    def inner(k=2):\n        return n * k\n    return inner\nv = outer(5)(3)', '15'],
  ['v = 1 + \\\n    2', '3'],
  ['a = 1; b = 2; v = (a, b)', '(1, 2)'],
  ['s = """line one\nline two"""\nv = len(s)', '17'],
  ['v = 0\nfor i in range(10):\n\tif i == 3:\n\t\tcontinue\n\tif i == 6:\n\t\tbreak\n\tv += i', '12'],
  ["for i in []:\n    pass\nelse:\n    v = 'else ran'", 'else ran'],
  ["d = {}\nd['a'] = 1\nd['b'] = 2\nv = sorted(d.keys())", "['a', 'b']"],
  ["def f(*args, **kwargs):\n    return len(args) * 10 + len(kwargs)\nv = f(1, 2, *[3], x=1, **{'y': 2})", '32'],
  ['x: int = 4\nv = x ** 0.5', '2.0'],
  ['v = [n for n in range(3)][-1] if True else None', '2'],
];

describe('expressions evaluate as in Python', () => {
  it.each(expressions)('%s', (expression, python) => {
    expect(valueOf(`v = ${expression}`)).toBe(python);
  });
});

describe('statements run as in Python', () => {
  it.each(statements)('%s', (code, python) => {
    expect(valueOf(code)).toBe(python);
  });
});
