// The catalog as Markdown, for the README: one table per family, every kind with its accepted
// names, Keras's positional order, arguments and defaults.
import { kerasCompatArgs } from './common-args.js';
import { formatKerasObject, isKerasObject, isKerasObjectArg } from './keras-objects.js';
import { LAYER_KINDS, snakeCase } from './registry.js';
import type { ArgSpec, ArgValue, Family, LayerKind } from './types.js';

const FAMILY_TITLES: Record<Family, string> = {
  input: 'Input',
  conv: 'Convolution',
  pool: 'Pooling',
  dense: 'Core',
  embedding: 'Embedding',
  norm: 'Normalization',
  attention: 'Attention',
  activation: 'Activation layers',
  merge: 'Merging',
  reshape: 'Reshaping, padding, cropping, upsampling',
  regularization: 'Regularization',
  preprocessing: 'Preprocessing',
  sequence: 'Recurrent and sequence',
  filter: 'Fixed image filters',
  custom: 'Custom and Lambda steps',
};

function show(value: ArgValue | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `(${value.map((v) => show(v)).join(', ')})`;
  if (isKerasObject(value)) return formatKerasObject(value);
  if (typeof value === 'object') return `${value.class_name}(…)`;
  return String(value);
}

function argText(name: string, spec: ArgSpec): string {
  return spec.required ? `**${name}**` : `${name}=${show(spec.default)}`;
}

function kindRow(kind: LayerKind): string {
  const names = [...new Set([kind.className, snakeCase(kind.className), ...(kind.aliases ?? [])])].map((n) => `\`${n}\``).join(', ');
  const own = Object.entries(kind.args).filter(([name, spec]) => !(name in kerasCompatArgs) && spec.type !== 'any' && !isKerasObjectArg(spec));
  const ordered = [...kind.positional.filter((p) => own.some(([n]) => n === p)), ...own.map(([n]) => n).filter((n) => !kind.positional.includes(n))];
  const args = ordered.map((n) => argText(n, kind.args[n]!)).join(', ') || '—';
  return `| ${names} | ${args} | ${kind.doc.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`;
}

export function catalogMarkdown(): string {
  const lines: string[] = [];
  const families = [...new Set(LAYER_KINDS.map((k) => k.family))];
  for (const family of families) {
    lines.push(`#### ${FAMILY_TITLES[family]}`, '', '| Names | Arguments (positional order first; **bold** = required) | What it does |', '|---|---|---|');
    for (const kind of LAYER_KINDS.filter((k) => k.family === family)) lines.push(kindRow(kind));
    lines.push('');
  }
  const compat = Object.keys(kerasCompatArgs).filter((a) => a !== 'data_format');
  lines.push(
    `Every kind that Keras gives them also accepts ${compat.map((a) => `\`${a}\``).join(', ')} (and the depthwise/pointwise/gamma/beta/moving-statistics initializers, regularizers and constraints), so a line copied from Keras code works; they do not change shapes or counts. Initializers, regularizers and constraints are checked as Keras's \`get()\` would (see Keras argument objects under Steps).`,
    '',
  );
  lines.push(
    "`data_format='channels_first'` is accepted wherever Keras accepts it — every convolution (plain, depthwise, separable, transposed), pooling and global pooling, ZeroPadding, Cropping2D/3D, UpSampling2D/3D, SpatialDropout2D/3D and Flatten: shapes are then (channels, spatial…), with Keras's figures; `'channels_last'` (or None) is the default. Pair it with `BatchNormalization(axis=1)`.",
    '',
  );
  return lines.join('\n');
}
