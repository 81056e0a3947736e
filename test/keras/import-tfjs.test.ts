// Round trip through TensorFlow.js's own topology format: spec → compile → model.json → import →
// the same network (every layer's kind, output shape and parameters, in the same order).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const root = join(import.meta.dirname, '../..');

interface SummaryJson {
  total_params: number;
  trainable_params: number;
  non_trainable_params: number;
  layers: { kind: string; output_shape: (number | null)[]; params: number }[];
}

async function summary(spec: string): Promise<SummaryJson> {
  const run = await runCli(['summary', spec, '--format', 'json']);
  expect(run.stderr).not.toMatch(/error/);
  return JSON.parse(run.stdout) as SummaryJson;
}

const layers = (s: SummaryJson) => s.layers.map((l) => `${l.kind} ${JSON.stringify(l.output_shape)} ${l.params}`).sort();

describe('import of a TensorFlow.js model.json written by netspec compile', () => {
  it.each([
    'test/fixtures/structures/two-heads.yaml',
    'test/fixtures/structures/residual.yaml',
    'test/fixtures/structures/inception.yaml',
    'examples/lecture/setting-b.yaml',
    'test/fixtures/keras/import/roundtrip/tfjs-custom.yaml',
    'test/fixtures/keras/import/siamese.json',
    'test/fixtures/keras/import/multi_input.keras',
    'specs/vit_medmnist.yaml',
    'examples/sequence/vitals-seq2seq.yaml',
    'test/fixtures/keras/import/roundtrip/multi-output.yaml',
  ])(
    '%s comes back as the same network',
    async (spec) => {
      const dir = mkdtempSync(join(tmpdir(), 'netspec-tfjs-'));
      const compiled = await runCli(['compile', join(root, spec), '-o', join(dir, 'out'), '--backend', 'cpu']);
      expect(compiled.code, compiled.stderr).toBe(0);
      const imported = await runCli(['import', join(dir, 'out', 'model.json'), '-o', join(dir, 'back.yaml')]);
      expect(imported.code, imported.stderr).toBe(0);
      const before = await summary(join(root, spec));
      const after = await summary(join(dir, 'back.yaml'));
      expect([after.total_params, after.trainable_params, after.non_trainable_params]).toEqual([
        before.total_params,
        before.trainable_params,
        before.non_trainable_params,
      ]);
      expect(layers(after)).toEqual(layers(before));
    },
    120_000,
  );

  it("takes a custom class's weight count from the weights manifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-tfjs-'));
    const compiled = await runCli(['compile', join(root, 'examples/lecture/setting-b.yaml'), '-o', join(dir, 'out'), '--backend', 'cpu']);
    expect(compiled.code, compiled.stderr).toBe(0);
    // A class netspec does not know in place of the second convolution (8 filters 3×3 on 32 channels: 2,312 weights).
    const path = join(dir, 'out', 'model.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"class_name":"Conv2D","config":{"filters":8', '"class_name":"MyConv","config":{"filters":8'));
    const imported = await runCli(['import', path]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("  - Custom('MyConv', params=2312, name='conv2d_1')");
    expect(imported.stderr).toContain('params=2312 from the weights the file lists');
  });
});
