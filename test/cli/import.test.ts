// `netspec import` and saved models given to the other commands: output, safety, diagnostics.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixtures = join(import.meta.dirname, '../fixtures/keras/import');
const fixture = (name: string): string => join(fixtures, name);
const keras = (name: string) => JSON.parse(readFileSync(fixture(`${name}.expect.json`), 'utf8')) as { total: number; trainable: number; non_trainable: number };
const scratch = (): string => mkdtempSync(join(tmpdir(), 'netspec-import-'));

describe('netspec import', () => {
  it("prints the spec, which summary reads back to Keras's figures", async () => {
    const run = await runCli(['import', fixture('branches.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Imported by netspec from .*branches\.json\nname: branches\ninputs:\n {2}image: \[64, 64, 3\]\n/);
    const dir = scratch();
    writeFileSync(join(dir, 'branches.yaml'), run.stdout);
    const summary = await runCli(['summary', 'branches.yaml', '--format', 'json'], { cwd: dir });
    const figures = JSON.parse(summary.stdout) as { total_params: number; trainable_params: number; non_trainable_params: number };
    const expected = keras('branches');
    expect([figures.total_params, figures.trainable_params, figures.non_trainable_params]).toEqual([
      expected.total,
      expected.trainable,
      expected.non_trainable,
    ]);
  });

  it('writes -o atomically, refuses to replace a file without --force, replaces it with --force', async () => {
    const dir = scratch();
    const first = await runCli(['import', fixture('nested_sequential.keras'), '-o', 'model.yaml'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('wrote model.yaml (7 layers, 20,618 parameters)\n');
    expect(readFileSync(join(dir, 'model.yaml'), 'utf8')).toContain("  - features(name='features')");
    writeFileSync(join(dir, 'mine.yaml'), 'my own notes\n');
    const refused = await runCli(['import', fixture('branches.json'), '-o', 'mine.yaml'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mine.yaml already exists (use --force to overwrite)');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('my own notes\n');
    const forced = await runCli(['import', fixture('branches.json'), '-o', 'mine.yaml', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toContain('name: branches');
  });

  it('says what to check by hand for a custom layer, on stderr', async () => {
    const run = await runCli(['import', fixture('custom_layer.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  - Custom('ChannelGate', output_shape=(30, 30, 8), name='gate')");
    expect(run.stderr).toContain(
      "custom_layer.json (as imported):6:5: warning[keras-notice]: step 'gate' (custom class ChannelGate, written as Custom): output_shape (30, 30, 8) is the one the saved model records and params=0",
    );
    expect(run.stderr).toContain("6 |   - Custom('ChannelGate', output_shape=(30, 30, 8), name='gate')");
  });

  it.each([
    ['not JSON', 'bad.json', '{"class_name": "Functional", ', /bad\.json: error\[keras-import\]: the file is not valid JSON/],
    ['not a model', 'bad.json', '{"class_name": "Dense", "config": {}}', /class_name is "Dense"; a saved model is 'Functional', 'Sequential' or 'Model'/],
    [
      'a call of a layer the model does not have',
      'bad.json',
      JSON.stringify({
        class_name: 'Functional',
        config: {
          name: 'm',
          layers: [
            { class_name: 'InputLayer', config: { name: 'x', batch_shape: [null, 4] }, inbound_nodes: [] },
            { class_name: 'Dense', config: { name: 'd', units: 2 }, inbound_nodes: [[['ghost', 0, 0, {}]]] },
          ],
          input_layers: [['x', 0, 0]],
          output_layers: [['d', 0, 0]],
        },
      }),
      /config\.layers\[1\]\.inbound_nodes\[0\] reads layer 'ghost', which the model does not have/,
    ],
    ['a .keras that is no zip', 'bad.keras', 'not a zip', /bad\.keras: error\[keras-import\]: is not a \.keras archive \(not a zip file\)/],
    ['a graph model', 'model.json', '{"format": "graph-model", "modelTopology": {"node": []}}', /format is a TensorFlow\.js graph model/],
  ])('refuses %s with a diagnostic naming the place, exit 1', async (_what, name, content, message) => {
    const dir = scratch();
    writeFileSync(join(dir, name), content);
    const run = await runCli(['import', name], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
  });

  it('is a usage error for another kind of file, or none', async () => {
    expect((await runCli(['import', 'model.h5'])).code).toBe(2);
    expect((await runCli(['import'])).stderr).toContain('missing the model file');
  });
});

describe('saved models given to summary, check, explain and diagram', () => {
  it.each(['summary', 'check', 'explain'])('%s reads a .keras archive directly', async (command) => {
    const run = await runCli([command, fixture('multi_input.keras')]);
    expect(run.code).toBe(0);
    if (command === 'summary') expect(run.stdout).toContain(`Total params: ${keras('multi_input').total.toLocaleString('en-US')}`);
  });

  it('diagram draws a saved model', async () => {
    const dir = scratch();
    const run = await runCli(['diagram', fixture('nested_sequential.json'), '-o', 'm.svg'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'm.svg'), 'utf8')).toContain('<svg');
  });

  it('still reads a spec written as JSON as a spec', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'spec.json'), JSON.stringify({ input: [8], layers: ['Dense(2)'] }));
    const run = await runCli(['summary', 'spec.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Total params: 18');
  });
});
