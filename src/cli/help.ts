// `netspec <command> --help`: the usage line, every option with what it does and its default, and
// examples. Descriptions live here, keyed by option name (or `command.option` where one name means
// something else in one command), so every command's help reads the same way.
import type { ParseArgsConfig } from 'node:util';
import type { Command } from './command.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];

const OPTION_HELP: Record<string, string> = {
  input: "SHAPE  replace the spec's input shape: 128,128,1 (None for an axis of any size); needed for a call string",
  set: 'NAME=VALUE  override a param of the spec (repeatable): --set width=32',
  format: 'FORMAT  table, markdown, json (the stable machine interface) or csv',
  depth: 'N  show N levels of groups; deeper groups become one row (default: every level)',
  layer: 'NAME  explain one layer (a name from the summary) instead of all',
  output: 'FILE  where to write',
  force: 'replace the output file if it exists',
  'compile.force': 'replace an output folder that netspec compile wrote, as a whole (one holding other files is refused)',
  backend: 'NAME  TensorFlow.js backend: wasm (fast) or cpu',
  emit: 'WHAT  model (model.json + weights), ts (a TypeScript module building the model) or keras (Keras 3 Python code, build_model())',
  view: 'VIEW  graph (boxes and edges) or stack (3D feature maps, as on slides)',
  fit: 'FRAME  the slide frame the drawing is fitted to: 16:9, 4:3 or none (natural size)',
  direction: 'DIR  graph flow: TB (top to bottom) or LR (left to right) (default: TB)',
  theme: 'THEME  light or dark',
  scale: 'X  PNG pixels per SVG unit (default: 2)',
  width: 'PX  width of the drawing in pixels',
  layout: 'LAYOUT  auto, u (encoder–decoder as a U), line (one row) or wrap (rows) (default: auto)',
  block: 'NAME  draw one block alone, expanded (names as in `netspec summary --depth 1`)',
  show: 'FIELDS  the text under each layer: shape, params, activation, macs (default: shape,activation)',
  port: 'N  port on 127.0.0.1; 0 picks a free one (default: 8080)',
  shape: 'H,W,C  the shape of the input data when the model does not fix it',
  'compile.output': 'DIR  folder for model.json and weights, or a .ts file with --emit ts, a .py file with --emit keras',
  'diagram.output': 'FILE  file.svg, file.png or file.pdf',
  'import.output': 'FILE  the spec to write (default: print it)',
  'diagram.depth': 'N  draw N levels of blocks open, deeper blocks as one box each, as in `summary --depth N` (default: every level)',
  'predict.data': 'FILE  the data to run on: a PNG/JPEG image, or a .json/.csv array',
  'predict.input': 'SHAPE  not used by predict (elsewhere the input shape): give the data with --data, its shape with --shape',
  'predict.format': 'FORMAT  how the result is printed: text (shaped, numpy-like), json or csv',
  'predict.normalize': 'HOW  mapping of values to PNG pixels: clip (to 0–255) or minmax (stretched)',
  grayscale: 'convert a colour image to one channel for a model that takes one',
  rgb: 'convert a grayscale image to three channels for a model that takes three',
  seed: 'N  seed for the random initial weights, so predictions repeat',
  'predict.output': 'FILE  write the result to result.json, result.csv or result.png (one PNG per channel) instead of printing it',
  help: 'show this help',
};

const EXAMPLES: Record<string, string[]> = {
  summary: [
    'netspec summary examples/lecture/setting-b.yaml',
    'netspec summary "Conv2D(filters=4, kernel_size=(9, 9), strides=(1, 2))" --input 128,128,1',
    'netspec summary specs/resnet50.yaml --depth 1 --format markdown',
  ],
  check: ['netspec check homework.yaml', 'netspec check specs/*.yaml'],
  explain: ['netspec explain examples/lecture/setting-a.yaml', 'netspec explain specs/resnet50.yaml --layer conv1_conv'],
  diagram: ['netspec diagram specs/resnet50.yaml -o resnet50.png', 'netspec diagram specs/vgg16.yaml -o vgg16.svg --view stack'],
  compile: [
    'netspec compile specs/resnet50.yaml -o out/resnet50',
    'netspec compile examples/lecture/setting-b.yaml -o setting-b.ts --emit ts',
    'netspec compile specs/resnet50.yaml -o resnet50.py --emit keras',
  ],
  predict: [
    'netspec predict examples/lecture/mean-filter.yaml --data examples/lecture/mean-filter-input.json',
    'netspec predict out/resnet50/model.json --data photo.png -o result.json',
  ],
  serve: ['netspec serve', 'netspec serve specs/unet.yaml --port 0'],
  import: ['netspec import model.json -o model.yaml', 'netspec import model.keras', 'netspec summary model.keras'],
};

export function optionDescription(command: string, option: string): string | undefined {
  return OPTION_HELP[`${command}.${option}`] ?? OPTION_HELP[option];
}

export function commandHelp(command: Command): string {
  const options: Record<string, OptionSpec> = { ...command.options, help: { type: 'boolean', short: 'h' } };
  const rows = Object.entries(options).map(([name, spec]) => {
    const described = optionDescription(command.name, name) ?? '';
    // A value placeholder is the first word when the option takes a value: `--depth N`.
    const [placeholder, text] =
      spec.type === 'string' && /^\S+ {2}/.test(described) ? [described.split('  ')[0]!, described.slice(described.indexOf('  ') + 2)] : ['', described];
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${placeholder ? ` ${placeholder}` : ''}${spec.multiple ? ' …' : ''}`;
    const fallback = spec.default !== undefined && !/\(default:/.test(text) ? ` (default: ${String(spec.default)})` : '';
    return [flag, text + fallback] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const lines = [command.summary, '', `Usage: ${command.usage}`, '', 'Options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`.trimEnd())];
  if (!/^Examples:/m.test(command.usage)) lines.push('', 'Examples:', ...(EXAMPLES[command.name] ?? []).map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}
