// Code netspec cannot follow, and hostile code: a diagnostic at the right line and column that names the
// construct, never a crash or a hang; code outside the model is skipped with one notice.
import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../../../src/diagnostics/diagnostic.js';
import { readPythonKeras } from '../../../src/keras/python/index.js';

const HEAD = 'import keras\nfrom keras import layers\ninputs = keras.Input(shape=(8,))\n';

function read(code: string): { bag: DiagnosticBag; nodes: number } {
  const bag = new DiagnosticBag();
  const graph = readPythonKeras(code, 'model.py', bag);
  return { bag, nodes: graph?.nodes.length ?? -1 };
}

const errorCases: [what: string, code: string, expected: { code: string; line: number; column: number; message: RegExp }][] = [
  [
    'a custom class called on a tensor',
    `${HEAD}class Block(keras.layers.Layer):\n    pass\nx = Block(4)(inputs)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 6, column: 5, message: /Block/ },
  ],
  [
    'an arbitrary function on a tensor',
    `${HEAD}x = my_helper(inputs)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 4, column: 5, message: /my_helper\(\.\.\.\)/ },
  ],
  [
    'tensor arithmetic',
    `${HEAD}x = layers.Dense(8)(inputs)\ny = x + inputs\nmodel = keras.Model(inputs, y)\n`,
    { code: 'python', line: 5, column: 5, message: /layers\.Add/ },
  ],
  [
    'a Lambda with a lambda',
    `${HEAD}x = layers.Lambda(lambda t: t * 2)(inputs)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 4, column: 19, message: /'lambda'.*'inputs'/ },
  ],
  [
    'an argument from data',
    `${HEAD}n = x_train.shape[1]\nx = layers.Dense(n)(inputs)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 4, column: 5, message: /x_train/ },
  ],
  [
    'a condition on unknown data inside a helper',
    `${HEAD}def f(x):\n    if gpus:\n        x = layers.Dense(4)(x)\n    return x\nmodel = keras.Model(inputs, f(inputs))\n`,
    { code: 'python', line: 5, column: 8, message: /condition/ },
  ],
  [
    'unbounded recursion',
    `${HEAD}def f(x):\n    return f(layers.Dense(2)(x))\nmodel = keras.Model(inputs, f(inputs))\n`,
    { code: 'too-deep', line: 5, column: 12, message: /deeper than 100/ },
  ],
  [
    'a huge range',
    `${HEAD}x = inputs\nfor i in range(10 ** 12):\n    x = layers.Dense(2)(x)\n`,
    { code: 'too-large', line: 5, column: 10, message: /list items/ },
  ],
  [
    'a long busy loop',
    `${HEAD}n = 0\nfor i in range(1000):\n    for j in range(1000):\n        for k in range(10):\n            n = n + 1\nx = layers.Dense(n)(inputs)\n`,
    { code: 'too-large', line: 7, column: 9, message: /steps/ },
  ],
  ['a huge string', `${HEAD}s = 'ab' * 10 ** 7\nx = layers.Dense(2, name=s)(inputs)\n`, { code: 'too-large', line: 4, column: 5, message: /characters/ }],
  [
    'many layers',
    `${HEAD}x = inputs\nfor i in range(60000):\n    x = layers.Dense(2)(x)\n`,
    { code: 'too-large', line: 6, column: 9, message: /50,000 layer calls/ },
  ],
  [
    'brackets nested too deep',
    `${HEAD}x = layers.Dense(${'('.repeat(200)}2${')'.repeat(200)})(inputs)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 4, column: 48, message: /nested too deeply/ },
  ],
  [
    'an operator chain too long',
    `${HEAD}x = layers.Dense(1${' + 1'.repeat(100_000)})(inputs)\n`,
    { code: 'python', line: 4, column: 2012, message: /chained too long/ },
  ],
  ['an attribute chain too long', `${HEAD}x = layers${'.x'.repeat(100_000)}(inputs)\n`, { code: 'python', line: 4, column: 1011, message: /chained too long/ }],
  [
    'blocks nested too deep',
    `${HEAD}x = inputs\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}if True:\n`).join('')}${' '.repeat(3000)}x = layers.Dense(2)(x)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 106, column: 102, message: /deeper than 100 levels.*'x'/ },
  ],
  [
    'calls of long expressions',
    `${HEAD}def f(n):\n    return f(n${' + 1'.repeat(400)}) if n < 10 ** 9 else layers.Dense(2)(inputs)\nmodel = keras.Model(inputs, f(0))\n`,
    { code: 'too-deep', line: 5, column: 12, message: /deeper than 100/ },
  ],
  [
    'a keras.applications model',
    `${HEAD}base = keras.applications.ResNet50(weights=None, include_top=False)\nx = base(inputs)\n`,
    { code: 'python', line: 5, column: 5, message: /base\(\.\.\.\).*spec library/ },
  ],
  [
    'a layer class netspec does not model',
    `${HEAD}x = layers.MaxPoling2D(2)(inputs)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'unknown-kind', line: 4, column: 5, message: /keras\.layers\.MaxPoling2D/ },
  ],
  [
    'a subclassed model',
    'import keras\nclass Net(keras.Model):\n    def call(self, x):\n        return x\nmodel = Net()\n',
    { code: 'python', line: 0, column: 0, message: /no Keras model/ },
  ],
  [
    'layer arguments from a config netspec does not load',
    `${HEAD}cfg = load_config()\nx = layers.Dense(4, **cfg)(inputs)\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 5, column: 21, message: /'\*\*'.*load_config/ },
  ],
  ['no model at all', 'import numpy as np\nprint(np.zeros(3))\n', { code: 'python', line: 0, column: 0, message: /no Keras model/ }],
  ['a bad dedent', `${HEAD}def f(x):\n        y = 1\n    return x\n`, { code: 'python-syntax', line: 6, column: 5, message: /indented/ }],
  [
    'a Sequential without an input shape',
    'import keras\nfrom keras import layers\nmodel = keras.Sequential([layers.Dense(2)])\n',
    { code: 'python', line: 3, column: 9, message: /no input shape/ },
  ],
  [
    'model outputs from a foreign input',
    `${HEAD}other = keras.Input(shape=(8,))\nx = layers.Add()([inputs, other])\nmodel = keras.Model(inputs, x)\n`,
    { code: 'python', line: 6, column: 9, message: /not among its inputs/ },
  ],
];

describe('Python code netspec cannot follow', () => {
  it.each(errorCases)('%s', (_what, code, expected) => {
    const { bag } = read(code);
    const errors = bag.items.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const first = errors[0];
    expect({ code: first?.code, line: first?.line, column: first?.column }).toEqual({ code: expected.code, line: expected.line, column: expected.column });
    expect(first?.message).toMatch(expected.message);
  });

  it('ends in bounded time on every hostile case', () => {
    const started = Date.now();
    for (const [, code] of errorCases) read(code);
    // A bound, not a speed target: about 8 s in all on an idle machine, the 50,000-layer case the longest.
    expect(Date.now() - started).toBeLessThan(45_000);
  });
});

describe('code outside the model', () => {
  it('is skipped with one notice listing its lines', () => {
    const code = [
      'import numpy as np',
      'import keras',
      'from keras import layers',
      '(x_train, y_train), _ = keras.datasets.mnist.load_data()',
      'x_train = x_train / 255.0',
      'try:',
      '    import wandb',
      'except ImportError:',
      '    wandb = None',
      'model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])',
      'model.compile("adam", "mse")',
      'model.fit(x_train, y_train, epochs=3)',
      'print(model.summary())',
    ].join('\n');
    const { bag, nodes } = read(code);
    expect(nodes).toBe(1);
    expect(bag.items.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'python-skipped', 1]]);
    expect(bag.items[0]?.message).toContain('lines 1, 4–9, 11–13');
  });
});

const readable: [what: string, code: string, layers: string[]][] = [
  [
    'trailing commas and multi-line calls',
    'import keras\nfrom keras import layers\nmodel = keras.Sequential([\n    keras.Input(shape=(4,)),\n    layers.Dense(\n        8,\n        activation="relu",\n    ),\n],)\n',
    ['dense'],
  ],
  [
    'tf.keras prefixes and from-imports',
    'import tensorflow as tf\nfrom tensorflow.keras.layers import Dense\ni = tf.keras.Input((4,))\nx = Dense(3)(i)\nx = tf.keras.layers.Dense(2)(x)\nmodel = tf.keras.Model(i, x)\n',
    ['dense', 'dense_1'],
  ],
  [
    'keyword and default arguments',
    'import keras\nfrom keras import layers\ndef block(x, units=4, *, act="relu"):\n    return layers.Dense(units, activation=act)(x)\ni = keras.Input((4,))\nmodel = keras.Model(i, block(block(i), act="tanh", units=2))\n',
    ['dense', 'dense_1'],
  ],
  [
    'loops, comprehensions and f-strings',
    'import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input((4,))] + [layers.Dense(u, name=f"fc{k:02d}") for k, u in enumerate([8, 4])])\n',
    ['fc00', 'fc01'],
  ],
  [
    'if/elif/else on known values and a semicolon',
    'import keras\nfrom keras import layers\nwide = 2; deep = False\ni = keras.Input((4,))\nif deep:\n    x = layers.Dense(9)(i)\nelif wide > 1:\n    x = layers.Dense(wide * 8)(i)\nelse:\n    x = i\nmodel = keras.Model(i, x)\n',
    ['dense'],
  ],
  ['a pasted snippet without imports', 'inputs = Input(shape=(4,))\nx = layers.Dense(3)(inputs)\nmodel = Model(inputs, x)\n', ['dense']],
  [
    'layers.concatenate with axis',
    'import keras\nfrom keras import layers\na = keras.Input((4,))\nb = keras.Input((4,))\nmodel = keras.Model([a, b], layers.concatenate([a, b], axis=-1))\n',
    ['concatenate'],
  ],
  [
    'inspecting the built model afterwards',
    'import keras\nfrom keras import layers\ni = keras.Input((4,))\nmodel = keras.Model(i, layers.Dense(2)(i))\nfor k, layer in enumerate(model.layers):\n    if isinstance(layer, layers.Dense):\n        print(k, layer.get_config()["units"])\nw = model.layers[1].get_weights()[0]\n',
    ['dense'],
  ],
  [
    'Keras 2 InputLayer(input_shape=) and build(input_shape=)',
    'import tensorflow as tf\nm1 = tf.keras.Sequential([tf.keras.layers.InputLayer(input_shape=(4,)), tf.keras.layers.Dense(2)])\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(3)])\nmodel.build(input_shape=(None, 4))\n',
    ['dense_1'],
  ],
  [
    'a with block and __main__ guard',
    'import keras\nfrom keras import layers\ndef build():\n    i = keras.Input((4,))\n    return keras.Model(i, layers.Dense(2)(i))\nif __name__ == "__main__":\n    with strategy.scope():\n        model = build()\n',
    ['dense'],
  ],
];

describe('Python code netspec reads', () => {
  it.each(readable)('%s', (_what, code, names) => {
    const bag = new DiagnosticBag();
    const graph = readPythonKeras(code, 'model.py', bag);
    expect(bag.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(graph?.nodes.map((n) => n.layer)).toEqual(names);
  });
});

describe('layer arguments as the spec receives them', () => {
  it('keeps arguments as written, takes input_shape as the input, marks frozen layers, keeps argument objects with their module', () => {
    const code = [
      'import keras',
      'from keras import layers',
      'model = keras.Sequential()',
      'model.add(layers.Dense(64, activation=keras.activations.relu, input_shape=(784,), kernel_initializer=keras.initializers.HeNormal()))',
      'frozen = layers.Dense(10, use_bias=False, kernel_regularizer=keras.regularizers.l2(1e-4), name="logits")',
      'frozen.trainable = False',
      'model.add(frozen)',
    ].join('\n');
    const bag = new DiagnosticBag();
    const graph = readPythonKeras(code, 'model.py', bag);
    expect(bag.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(graph?.inputs).toEqual([{ name: 'input_layer', shape: [784] }]);
    expect(graph?.nodes.map((n) => [n.layer, n.className, n.args])).toEqual([
      ['dense', 'Dense', "64, activation='relu', kernel_initializer=keras.initializers.HeNormal()"],
      ['logits', 'Dense', '10, use_bias=False, kernel_regularizer=keras.regularizers.l2(0.0001), trainable=False'],
    ]);
  });

  it('names bound by an import (from keras.regularizers import l2) are written with their module', () => {
    const code = [
      'import keras',
      'from keras import layers',
      'from keras.regularizers import l2, L1L2',
      'from keras.initializers import HeNormal',
      'from keras.constraints import MaxNorm',
      'inputs = keras.Input(shape=(8,))',
      'x = layers.Dense(4, kernel_regularizer=l2(1e-4), kernel_initializer=HeNormal(seed=1), kernel_constraint=MaxNorm(3), bias_regularizer=L1L2(l1=0.01))(inputs)',
      'model = keras.Model(inputs, x)',
    ].join('\n');
    const bag = new DiagnosticBag();
    const graph = readPythonKeras(code, 'model.py', bag);
    expect(bag.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(graph?.nodes.map((n) => n.args)).toEqual([
      '4, kernel_regularizer=keras.regularizers.l2(0.0001), kernel_initializer=keras.initializers.HeNormal(seed=1), kernel_constraint=keras.constraints.MaxNorm(3), bias_regularizer=keras.regularizers.L1L2(l1=0.01)',
    ]);
  });
});
