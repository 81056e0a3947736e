// The compile and predict commands end to end, through a captured CliIO.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, type CliIO, type OptionValues } from '../../src/cli/command.js';
import { command as compile } from '../../src/cli/commands/compile.js';
import { command as predict } from '../../src/cli/commands/predict.js';

const repo = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'netspec-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(isTTY = false): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    isTTY,
    cwd: repo,
    readStdin: async () => '',
  };
  return io;
}

const specFile = join(dir, 'tiny.yaml');
writeFileSync(specFile, 'name: tiny\ninput: [6, 6, 2]\nlayers:\n  - conv2d: {filters: 3, kernel_size: 3}\n  - flatten\n  - dense: {units: 2}\n');

describe('netspec compile', () => {
  it('writes model.json and weights, quietly when not on a terminal', async () => {
    const io = capture();
    const out = join(dir, 'tiny-model');
    expect(await compile.run({ output: out, emit: 'model' } as OptionValues, [specFile], io)).toBe(EXIT_OK);
    expect(readdirSync(out).sort()).toEqual(['.netspec-output', 'group1-shard1of1.bin', 'model.json']);
    expect(io.out).toMatch(/wrote .*model\.json and 1 weight file: 155 parameters/);
    expect(io.err).toBe('');
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(json.userDefinedMetadata.netspec.layerMap.map((e: { node: string }) => e.node)).toEqual(['input_layer', 'conv2d', 'flatten', 'dense']);
    await expect(compile.run({ output: out, emit: 'model' } as OptionValues, [specFile], capture())).rejects.toThrow(/not empty/);
    expect(await compile.run({ output: out, emit: 'model', force: true } as OptionValues, [specFile], capture())).toBe(EXIT_OK);
  });

  it('emits a TypeScript module with --emit ts', async () => {
    const io = capture();
    const out = join(dir, 'tiny.ts');
    expect(await compile.run({ output: out, emit: 'ts' } as OptionValues, [specFile], io)).toBe(EXIT_OK);
    expect(readFileSync(out, 'utf8')).toContain("tf.layers.dense({ name: 'dense', units: 2");
  });

  it('emits Keras code with --emit keras: a .py file, never over a file without --force', async () => {
    const io = capture();
    const out = join(dir, 'tiny.py');
    expect(await compile.run({ output: out, emit: 'keras' } as OptionValues, [specFile], io)).toBe(EXIT_OK);
    expect(io.out).toMatch(/wrote .*tiny\.py: Keras 3 code, 4 layers, 155 parameters/);
    const source = readFileSync(out, 'utf8');
    expect(source).toContain('def build_model():');
    expect(source).toContain('x = layers.Conv2D(3, 3, name="conv2d")(input_layer)');
    // A file that is there already (netspec's or the user's) needs --force; it is then replaced whole.
    writeFileSync(out, 'my own notes\n');
    await expect(compile.run({ output: out, emit: 'keras' } as OptionValues, [specFile], capture())).rejects.toThrow(/already exists \(use --force/);
    expect(readFileSync(out, 'utf8')).toBe('my own notes\n');
    expect(await compile.run({ output: out, emit: 'keras', force: true } as OptionValues, [specFile], capture())).toBe(EXIT_OK);
    expect(readFileSync(out, 'utf8')).toBe(source);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A folder gets model.py, with the folder rules of the other outputs.
    const folder = join(dir, 'tiny-keras');
    expect(await compile.run({ output: folder, emit: 'keras' } as OptionValues, [specFile], capture())).toBe(EXIT_OK);
    expect(readFileSync(join(folder, 'model.py'), 'utf8')).toBe(source);
  });

  it('--emit keras refuses a declared custom step with a diagnostic, writing nothing', async () => {
    const spec = join(dir, 'custom.yaml');
    writeFileSync(spec, "input: [4]\nlayers:\n  - Custom('Gate', params=4, name='gate')\n");
    const io = capture();
    expect(await compile.run({ output: join(dir, 'custom.py'), emit: 'keras' } as OptionValues, [spec], io)).toBe(EXIT_INVALID);
    expect(io.err).toContain('cannot emit gate (Custom) as Keras code');
    expect(existsSync(join(dir, 'custom.py'))).toBe(false);
  });

  it('refuses a bad --emit as a usage error', async () => {
    await expect(compile.run({ output: dir, emit: 'onnx' } as OptionValues, [specFile], capture())).rejects.toThrow(/--emit must be one of/);
  });
});

/** What parseArgs fills in for predict's options with defaults. */
const PREDICT_DEFAULTS = { format: 'text', normalize: 'clip' };

describe('netspec predict', () => {
  it('runs a spec on a JSON input and a saved model on the same input', async () => {
    const data = join(dir, 'x.json');
    writeFileSync(data, JSON.stringify(Array.from({ length: 6 }, () => Array.from({ length: 6 }, () => [1, 2]))));
    const io = capture();
    expect(await predict.run({ ...PREDICT_DEFAULTS, data } as OptionValues, [specFile], io)).toBe(EXIT_OK);
    expect(io.out).toMatch(/^dense: shape \(2,\)\n\[ *-?[\d.e+-]+ +-?[\d.e+-]+ *\]\n$/);
    const saved = capture();
    expect(await predict.run({ ...PREDICT_DEFAULTS, data, output: join(dir, 'y.json') } as OptionValues, [join(dir, 'tiny-model', 'model.json')], saved)).toBe(
      EXIT_OK,
    );
    expect(JSON.parse(readFileSync(join(dir, 'y.json'), 'utf8'))[0]).toHaveLength(2);
  });

  it('names the file and the shapes when the data does not fit', async () => {
    const data = join(dir, 'bad.csv');
    writeFileSync(data, '1,2,3\n4,5,6\n');
    const io = capture();
    expect(await predict.run({ ...PREDICT_DEFAULTS, data } as OptionValues, [specFile], io)).toBe(EXIT_INVALID);
    expect(io.err).toMatch(/bad\.csv: error\[data\]: data of shape \(2, 3\) does not fit the model input \(6, 6, 2\)/);
  });

  it('refuses a missing input file as a usage error', async () => {
    await expect(predict.run({ ...PREDICT_DEFAULTS, data: 'nope.csv' } as OptionValues, [specFile], capture())).rejects.toThrow(/no such file/);
    expect(existsSync(join(repo, 'nope.csv'))).toBe(false);
  });
});

describe("the lecture's filters (examples/lecture/)", () => {
  const lecture = JSON.parse(readFileSync(new URL('./fixtures/lecture-filters.json', import.meta.url), 'utf8')) as {
    meanFilterOutput: number[][];
    blur: number;
    outline: number;
  };

  it.each(['examples/lecture/mean-filter-input.csv', 'examples/lecture/mean-filter-input.json'])(
    '3×3 mean filter on the 10×10 image (%s) gives the 8×8 table',
    async (input) => {
      const out = join(dir, `mean-${input.endsWith('csv') ? 'csv' : 'json'}.json`);
      expect(await predict.run({ ...PREDICT_DEFAULTS, data: input, output: out } as OptionValues, ['examples/lecture/mean-filter.yaml'], capture())).toBe(
        EXIT_OK,
      );
      const result = JSON.parse(readFileSync(out, 'utf8')) as number[][][][];
      expect(result[0]!.map((row) => row.map(([v]) => Math.round(v!)))).toEqual(lecture.meanFilterOutput);
    },
  );

  it("prints the mean-filtered image as the lecture's table", async () => {
    const io = capture();
    expect(
      await predict.run({ ...PREDICT_DEFAULTS, data: 'examples/lecture/mean-filter-input.csv' } as OptionValues, ['examples/lecture/mean-filter.yaml'], io),
    ).toBe(EXIT_OK);
    const rows = io.out
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/[[\]]/g, '').trim().split(/\s+/).map(Number).map(Math.round));
    expect(rows).toEqual(lecture.meanFilterOutput);
  });

  it.each([
    ['blur', lecture.blur],
    ['outline', lecture.outline],
  ])("Filter2D('%s') on the 3×3 patch gives %d", async (preset, expected) => {
    const io = capture();
    expect(await predict.run({ ...PREDICT_DEFAULTS, data: 'examples/lecture/kernel-patch.json' } as OptionValues, [`Filter2D('${preset}')`], io)).toBe(EXIT_OK);
    const value = Number(io.out.trim().split('\n')[1]!.replace(/[[\]]/g, ''));
    expect(Math.round(value)).toBe(expected);
  });
});

describe('what tfjs cannot express', () => {
  it('is refused with a diagnostic pointing at the step, not built differently', async () => {
    const spec = join(dir, 'unknown-flatten.yaml');
    writeFileSync(spec, 'name: u\ninput: [null, null, 3]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 3}\n  - flatten\n');
    const io = capture();
    expect(await compile.run({ output: join(dir, 'never'), emit: 'model' } as OptionValues, [spec], io)).toBe(EXIT_INVALID);
    expect(io.err).toMatch(
      /unknown-flatten\.yaml:5:\d+: error\[compile\]: cannot compile flatten \(Flatten\) to TensorFlow\.js: Flatten on an input with unknown \(None\) sizes/,
    );
    expect(io.err).toContain('5 |   - flatten');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
