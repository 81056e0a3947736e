// The diagnostic codes are netspec's machine interface: the registry, the README table and the
// codes the source actually reports must be the same set.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes.js';

const root = join(import.meta.dirname, '../..');
const registered = Object.keys(DIAGNOSTIC_CODES).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('diagnostic codes', () => {
  test('the README table lists exactly the registered codes, in order', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('#### Diagnostic codes'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| Code |')));
    const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]!.replace(/\\\|/g, '|')]);
    expect(rows).toEqual(Object.entries(DIAGNOSTIC_CODES));
  });

  test('every registered code is reported somewhere in src/ (no dead codes)', () => {
    const source = sourceFiles(join(root, 'src'))
      .filter((file) => !file.endsWith(join('diagnostics', 'codes.ts')))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = registered.filter((code) => !source.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  test('codes are lower-case words joined by hyphens', () => {
    for (const code of registered) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
