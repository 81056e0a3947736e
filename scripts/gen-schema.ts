// Writes schemas/netspec.schema.json from the layer registry, and the precompiled ajv validator
// that the CLI loads (compiling the schema at start-up would cost a second on every run).
// `npm run gen:schema`; test/spec/schema.test.ts fails when either file is stale.
import { writeFileSync } from 'node:fs';
import { generatedValidatorSource } from '../src/spec/schema-codegen.js';
import { buildSchema } from '../src/spec/schema.js';

const schemaPath = new URL('../schemas/netspec.schema.json', import.meta.url);
writeFileSync(schemaPath, JSON.stringify(buildSchema(), null, 2) + '\n');
const validatorPath = new URL('../src/spec/generated/spec-validator.js', import.meta.url);
writeFileSync(validatorPath, generatedValidatorSource());
console.log(`wrote ${schemaPath.pathname} and ${validatorPath.pathname}`);
