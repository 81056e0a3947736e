// The JSON Schema of the spec language, generated from the layer registry so that the two can
// never disagree. `npm run gen:schema` writes it to schemas/netspec.schema.json for editors.
import { ACTIVATIONS } from '../layers/activations.js';
import { LAYER_KINDS, snakeCase } from '../layers/registry.js';
import type { ArgSpec, LayerKind } from '../layers/types.js';

type JsonSchema = Record<string, unknown>;

export const STEP_KEYS = ['name', 'inputs', 'with', 'repeat', 'when', 'trainable', 'expect'] as const;
export const STRUCTURE_KINDS = ['sequential', 'residual', 'inception', 'dense_block'] as const;
/** The step kind that calls an earlier step again with the same weights. */
export const USE_KIND = 'use';
export const MERGE_MODES = ['concat', 'add', 'multiply', 'average', 'maximum', 'minimum', 'subtract'] as const;

const names = { type: ['string', 'array'], items: { type: 'string' } };

/** Schema for one argument as written in the mapping form (numbers may be expression strings). */
function argSchema(spec: ArgSpec): JsonSchema {
  const withNull = (types: string[]): string[] => (spec.nullable || spec.default === null ? [...types, 'null'] : types);
  const base: JsonSchema = { description: spec.doc };
  if (spec.default !== undefined) base.default = spec.default;
  switch (spec.type) {
    case 'int':
      return { ...base, type: withNull(['integer', 'string']) };
    case 'float':
      return { ...base, type: withNull(['number', 'string']) };
    case 'bool':
      return { ...base, type: withNull(['boolean', 'string']) };
    case 'enum':
      return { ...base, enum: spec.nullable ? [...spec.values, null] : [...spec.values] };
    case 'activation':
      return { ...base, enum: [...ACTIVATIONS, null] };
    case 'string':
      return { ...base, type: withNull(['string']) };
    case 'tuple':
    case 'ints':
    case 'axis':
      return { ...base, type: withNull(['integer', 'string', 'array']), items: { type: ['integer', 'string', 'null'] } };
    case 'padding':
      return {
        ...base,
        type: withNull(['integer', 'string', 'array']),
        items: { type: ['integer', 'string', 'array'], items: { type: ['integer', 'string'] } },
      };
    case 'matrix':
      return { ...base, type: withNull(['array', 'string']), items: { type: ['array', 'string'], items: { type: ['number', 'string'] } } };
    case 'layer':
      // A call string (`LSTM(64)`) or a one-key mapping like a step's ({lstm: {units: 64}}).
      return { ...base, type: ['string', 'object'], minProperties: 1, maxProperties: 1 };
    case 'initializer':
    case 'regularizer':
    case 'constraint':
      // A name ('he_normal'), an expression building one (keras.initializers.HeNormal(seed=1)) or a param.
      return { ...base, type: withNull(['string']) };
    case 'any':
      return base;
  }
}

function kindSchema(kind: LayerKind): JsonSchema {
  const properties: JsonSchema = {};
  for (const [name, spec] of Object.entries(kind.args)) properties[name] = argSchema(spec);
  return { type: ['object', 'null'], description: kind.doc, properties, additionalProperties: false };
}

export function buildSchema(): JsonSchema {
  const stepProperties: JsonSchema = {
    name: { type: 'string', description: "Names this step's output; `{i}` is replaced by the repeat index." },
    inputs: { ...names, description: 'Explicit inputs, by name.' },
    with: { ...names, description: 'On merge layers: the previous output plus these names.' },
    repeat: {
      type: ['integer', 'string', 'object'],
      properties: { times: { type: ['integer', 'string'] }, as: { type: 'string' } },
      required: ['times'],
      additionalProperties: false,
      description: 'Unroll N times; `i` counts from 0.',
    },
    when: { type: ['boolean', 'string'], description: 'An expression; the step is left out where it is false.' },
    trainable: { type: ['boolean', 'string'] },
    expect: { $ref: '#/definitions/expect' },
    use: {
      type: 'string',
      description:
        "Calls an earlier named step (a layer, block or structure) again on this step's input, sharing its weights as Keras does: `{use: tower, inputs: right}`.",
    },
    sequential: { $ref: '#/definitions/steps' },
    residual: {
      type: 'object',
      properties: {
        body: { $ref: '#/definitions/steps' },
        shortcut: { type: ['array', 'null'], items: { $ref: '#/definitions/step' } },
        activation: { enum: [...ACTIVATIONS, null] },
        scale: { type: ['number', 'string'], description: 'InceptionResNet: output = shortcut + scale · body.' },
      },
      required: ['body'],
      additionalProperties: false,
    },
    inception: {
      type: 'object',
      properties: {
        branches: { type: 'array', items: { type: ['array', 'null'], items: { $ref: '#/definitions/step' } } },
        merge: { enum: [...MERGE_MODES] },
        axis: { type: ['integer', 'string'] },
      },
      required: ['branches'],
      additionalProperties: false,
    },
    dense_block: {
      type: 'object',
      properties: { repeat: { type: ['integer', 'string'] }, body: { $ref: '#/definitions/steps' } },
      required: ['repeat', 'body'],
      additionalProperties: false,
    },
  };
  const kindNames = new Set<string>();
  const kinds: JsonSchema = {};
  for (const kind of LAYER_KINDS) {
    kinds[kind.className] = kindSchema(kind);
    for (const name of [kind.className, snakeCase(kind.className), ...(kind.aliases ?? [])]) {
      stepProperties[name] = { $ref: `#/definitions/kinds/${kind.className}` };
      kindNames.add(name);
    }
  }
  for (const act of ACTIVATIONS) {
    if (!kindNames.has(act)) stepProperties[act] = { type: ['object', 'null'], properties: {}, additionalProperties: false };
  }
  const shape = { type: 'array', items: { type: ['integer', 'null', 'string'] }, description: 'A shape without the batch dimension; null is any size.' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://netspec.dev/schemas/netspec.schema.json',
    title: 'netspec architecture spec (version 1)',
    type: 'object',
    properties: {
      name: { type: 'string' },
      description: { type: 'string' },
      extends: { type: 'string', description: 'Another spec file (relative to this one) whose content this spec inherits.' },
      params: { type: 'object', additionalProperties: { type: ['number', 'string', 'boolean', 'null', 'array'] } },
      input: shape,
      inputs: { type: 'object', additionalProperties: shape },
      blocks: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            description: { type: 'string' },
            params: { type: ['object', 'null'], additionalProperties: { type: ['number', 'string', 'boolean', 'null', 'array'] } },
            inputs: { type: 'array', items: { type: 'string' }, description: 'Names for several inputs (the caller passes them with `inputs:`).' },
            layers: { $ref: '#/definitions/steps' },
          },
          required: ['layers'],
          additionalProperties: false,
        },
      },
      layers: { $ref: '#/definitions/steps' },
      outputs: names,
      expect: { $ref: '#/definitions/expect' },
    },
    additionalProperties: false,
    definitions: {
      kinds,
      steps: { type: 'array', items: { $ref: '#/definitions/step' } },
      step: {
        type: ['string', 'object'],
        description: 'A call string (`Conv2D(32, 3)`) or a mapping with one kind key and optional step keys.',
        properties: stepProperties,
        additionalProperties: { type: ['object', 'null'], description: 'A user block from `blocks:`, called with its parameters.' },
      },
      expect: {
        type: 'object',
        properties: {
          params: { type: 'integer' },
          total_params: { type: 'integer' },
          trainable_params: { type: 'integer' },
          non_trainable_params: { type: 'integer' },
          macs: { type: 'integer' },
          output_shape: { type: 'array', items: { type: ['integer', 'null'] } },
        },
        additionalProperties: false,
      },
    },
  };
}
