// Every diagnostic code netspec reports: the stable machine interface of `--format json`, the
// playground and editors. Codes are added, never renamed; README's "Diagnostic codes" lists them.

/** Code → what it means (one line each; README's table is checked against this). */
export const DIAGNOSTIC_CODES = {
  // Reading the spec file
  file: 'a spec file cannot be read (missing, a folder, not UTF-8)',
  'too-large': "a spec, a YAML expansion or the network is beyond netspec's size limits",
  'too-deep': "a spec nests deeper than netspec's limit",
  empty: 'the spec file is empty',
  'yaml-syntax': 'the text is not valid YAML (or a mapping repeats a key)',
  'yaml-tag': 'a YAML tag (`!!python/…`) was used; specs hold plain data only',
  'yaml-key': 'a mapping key is not a plain name',
  'yaml-alias': "YAML aliases expand beyond netspec's limits",
  schema: 'the spec does not follow the spec schema (unknown key, wrong type, missing field)',
  extends: '`extends` names a file that cannot be used as a base spec',
  'extends-cycle': '`extends` chains back to a file already in the chain',
  // Expressions
  'expr-syntax': 'an expression cannot be parsed',
  'expr-name': 'an expression uses a name that is not defined',
  'expr-type': 'an expression applies an operation to values of the wrong type',
  'expr-value': 'an expression has no usable value (division by zero, a number too large, …)',
  // Names, steps and layers
  'step-indent': "a layer's arguments are not indented under its kind",
  step: 'a layer step is neither a call string nor a one-key mapping',
  type: 'a value has the wrong type for where it is used',
  range: 'an integer is beyond the exact range or a figure is not a whole number',
  'bad-name': 'a layer or block name has characters netspec does not allow',
  'duplicate-name': 'a name is used twice',
  'unknown-name': 'a reference names nothing defined before it',
  'unknown-kind': 'a step names no layer kind or block',
  'unknown-argument': 'a layer or block is given an argument it does not have',
  'unknown-param': '`--set` names a param the spec does not declare',
  argument: "a layer argument breaks one of Keras's rules for it",
  inputs: 'a layer or block gets the wrong number of inputs',
  'output-index': 'a subscript (`enc[1]`) picks an output a step does not have, or the step has one output',
  'several-outputs': 'a one-input layer reads a step with several outputs whole (pick one with `name[k]`)',
  'unused-layer': 'a warning: layers on no path to an output; Keras leaves them out of the model, and so do the figures',
  'ambiguous-input': 'a step reads the previous output before any step, in a spec with several inputs (name one with `inputs:`)',
  'recursive-block': 'a block calls itself',
  use: 'a `use:` step names something with no layers to call again (a model input)',
  'shared-input': 'a shared layer (`use:`) is called on an input its weights do not fit',
  'block-shadows-kind': 'a block has the name of a built-in layer kind (warning)',
  'input-batch-axis': "an input shape starts with None, as if it held the batch axis (netspec's shapes have no batch axis)",
  'no-input': 'the spec has no input shape',
  'input-conflict': "the first layer's `input_shape` disagrees with the spec's `input`",
  'input-shape-ignored': '`input_shape` on a layer other than the first (Keras ignores it; warning)',
  shape: 'a layer cannot take the shape it is given (Keras would raise)',
  'too-many-errors': 'expansion stopped after too many errors',
  // Expectations
  expect: 'an `expect:` figure or shape differs from the computed one',
  'expect-skipped': '`expect:` was not checked because --set/--input changed the network (warning)',
  // Compiling and running
  compile: 'a layer cannot be compiled to TensorFlow.js faithfully',
  'compile-mismatch': "the compiled TensorFlow.js model disagrees with the spec's shapes or counts",
  'model-json': 'a model.json (or its weights) cannot be read or loaded',
  data: "the `--data` file (image, CSV, JSON, .npy) cannot be used as the model's input",
  'model-too-large': "the model's weights would need more memory than netspec compiles",
  'output-not-folder': 'the compile output path exists and is not a folder',
  'output-not-empty': 'the compile output folder holds files netspec did not write',
  'output-foreign': '`--force` was given but the output folder holds files netspec did not write',
  'output-is-current-folder': 'the compile output folder is (or contains) the current folder',
  // Keras in and out
  'keras-import': 'a saved Keras model (JSON, .keras, tfjs model.json) cannot be read or written as a spec',
  python: 'Python Keras code uses a construct netspec cannot follow where the model depends on it (a custom class, a call on a tensor, an unknown value)',
  'python-syntax': 'Python Keras code cannot be tokenized or its indentation is inconsistent',
  'python-skipped': 'statements of a Python file that do not build the model were skipped (one notice per file; warning)',
  'keras-notice': "an imported model holds something to check by hand: a custom or Lambda step's shape or parameters, a setting not imported (warning)",
  io: 'a file system operation failed (permissions, disk full, …)',
  internal: 'a bug in netspec; please report it with the spec',
} as const satisfies Record<string, string>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
