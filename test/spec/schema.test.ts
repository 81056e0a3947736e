import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_KINDS, snakeCase } from '../../src/layers/registry.js';
import { buildSchema } from '../../src/spec/schema.js';

describe('schemas/netspec.schema.json', () => {
  it('is generated from the registry and up to date (run `npm run gen:schema`)', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../../schemas/netspec.schema.json', import.meta.url), 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(buildSchema())));
  });

  it('has a step entry for every kind under its class and snake_case names', () => {
    const step = (buildSchema().definitions as Record<string, { properties: Record<string, unknown> }>).step!;
    for (const kind of LAYER_KINDS) {
      expect(step.properties[kind.className], kind.className).toEqual({ $ref: `#/definitions/kinds/${kind.className}` });
      expect(step.properties[snakeCase(kind.className)], kind.className).toBeDefined();
    }
  });
});

describe('src/spec/generated/spec-validator.js', () => {
  it('is the compiled form of the current schema (run `npm run gen:schema`)', async () => {
    const { generatedValidatorSource } = await import('../../src/spec/schema-codegen.js');
    const onDisk = readFileSync(new URL('../../src/spec/generated/spec-validator.js', import.meta.url), 'utf8');
    expect(onDisk === generatedValidatorSource()).toBe(true);
  });
});
