// `netspec summary model.py` and friends: Python Keras code on the command line, problems shown at the
// Python line that built the layer (never in the generated YAML).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function pyFile(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-py-'));
  const file = join(dir, 'model.py');
  writeFileSync(file, code);
  return file;
}

describe('a Python file as the spec argument', () => {
  it('summarises the lecture Setting B written as Keras code', async () => {
    // Lecture L11 Setting B: 62×31×32 (320 params), then 60×15×8 (2,312); 2,632 in all.
    const file = pyFile(
      'from tensorflow import keras\nfrom tensorflow.keras import layers\nmodel = keras.Sequential([\n    keras.Input(shape=(64, 64, 1)),\n    layers.Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 2), padding="valid"),\n    layers.Conv2D(8, (3, 3), strides=(1, 2)),\n])\nmodel.summary()\n',
    );
    const r = await runCli(['summary', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { layers: { name: string; output_shape: (number | null)[] }[]; total_params: number };
    expect(out.layers.map((l) => [l.name, l.output_shape])).toEqual([
      ['input_layer', [null, 64, 64, 1]],
      ['conv2d', [null, 62, 31, 32]],
      ['conv2d_1', [null, 60, 15, 8]],
    ]);
    expect(out.total_params).toBe(2632);
  });

  it('reports a layer that does not fit at its Python line and column', async () => {
    const file = pyFile(
      'import keras\nfrom keras import layers\ninputs = keras.Input(shape=(4, 4, 1))\nx = layers.Conv2D(8, 3)(inputs)\nx = layers.Conv2D(8, 9)(x)\nmodel = keras.Model(inputs, x)\n',
    );
    const r = await runCli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model\.py:5:5: error\[shape\]/);
    expect(r.stderr).toContain('x = layers.Conv2D(8, 9)(x)');
    expect(r.stderr).not.toContain('read as a spec');
  });

  it('exits 1 with the construct named for code it cannot follow', async () => {
    const file = pyFile('import keras\ninputs = keras.Input(shape=(4,))\nx = keras.ops.relu(inputs)\nmodel = keras.Model(inputs, x)\n');
    const r = await runCli(['summary', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model\.py:3:5: error\[python\]: netspec cannot follow 'keras\.ops\.relu\(\.\.\.\)' on a tensor/);
  });

  it('imports Python code as a spec that reads back with the same figures', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-py-import-')), 'siamese.yaml');
    const r = await runCli(['import', 'test/fixtures/keras/python/siamese.py', '-o', out]);
    expect(r.code).toBe(0);
    // Keras: 2,641 parameters, the tower's weights counted once (keras-figures.json).
    expect(r.stderr).toContain('2,641 parameters');
    const spec = readFileSync(out, 'utf8');
    expect(spec).toContain('{use: tower, inputs: [right]');
    const back = await runCli(['summary', out, '--format', 'json']);
    expect((JSON.parse(back.stdout) as { total_params: number }).total_params).toBe(2641);
    const again = await runCli(['import', 'test/fixtures/keras/python/siamese.py', '-o', out]);
    expect(again.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(spec);
  });

  it('is a usage error when the file does not exist', async () => {
    const r = await runCli(['summary', 'no-such-model.py']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-model.py: no such file');
  });
});
