// Writes schemas/netspec.schema.json from the layer registry (`npm run gen:schema`).
// test/spec/schema.test.ts fails when the checked-in file is stale.
import { writeFileSync } from 'node:fs';
import { buildSchema } from '../src/spec/schema.js';

const path = new URL('../schemas/netspec.schema.json', import.meta.url);
writeFileSync(path, JSON.stringify(buildSchema(), null, 2) + '\n');
console.log(`wrote ${path.pathname}`);
