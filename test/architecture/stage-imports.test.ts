// The dependency rule: src/ is a stack of stages, and a stage imports only stages below it — never
// one above, never one beside it — so folders cannot form a cycle, `compile` is a library the CLI
// uses (not the reverse), and only the stages that need TensorFlow.js or the DOM load them.
// Type-only imports count too: a type from above is still a dependency on that stage's design.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Stage → its level; README's "Project layout" shows the same stack. */
export const STAGE_LEVELS: Record<string, number> = {
  diagnostics: 0,
  format: 0,
  io: 1,
  layers: 2,
  expr: 2,
  spec: 3,
  ir: 4,
  keras: 5,
  report: 5,
  render: 5,
  compile: 5,
  serve: 6,
  cli: 7,
  // src/index.ts, the library's entry point
  '.': 8,
};

const src = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The stage a path under src/ belongs to: its first folder, or '.' for a file directly in src/. */
function stageOf(path: string): string {
  const parts = relative(src, path).split(sep);
  return parts.length === 1 ? '.' : parts[0]!;
}

/** Relative module specifiers of static imports, re-exports, `import type`, side-effect and dynamic imports. */
export function importedSpecifiers(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  return [...withoutComments.matchAll(pattern)].map((m) => m[1]!).filter((spec) => spec.startsWith('.'));
}

export interface StageImport {
  file: string;
  from: string;
  to: string;
}

/** Every import in src/ that crosses from one stage into another. */
export function crossStageImports(root = src): StageImport[] {
  return sourceFiles(root).flatMap((file) =>
    importedSpecifiers(readFileSync(file, 'utf8'))
      .map((spec) => ({ file: relative(root, file), from: stageOf(file), to: stageOf(resolve(dirname(file), spec)) }))
      .filter((edge) => edge.from !== edge.to),
  );
}

describe('stage imports', () => {
  const edges = crossStageImports();

  test('every folder of src/ has a level', () => {
    const stages = new Set(sourceFiles(src).map(stageOf));
    expect([...stages].filter((stage) => !(stage in STAGE_LEVELS))).toEqual([]);
  });

  test('every stage imports only stages below it (no upward, sideways or cyclic imports)', () => {
    const wrong = edges.filter((e) => !(STAGE_LEVELS[e.to]! < STAGE_LEVELS[e.from]!)).map((e) => `${e.file}: ${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  test('the scanner sees every import form (else the rule above would pass vacuously)', () => {
    const text = [
      "import { a } from '../cli/a.js';",
      "import type { B } from '../report/b.js';",
      "export { c } from '../serve/c.js';",
      "import '../render/side-effect.js';",
      "const d = await import('../compile/d.js');",
      "import {\n  e,\n  f,\n} from '../ir/e.js';",
      "// import { g } from '../cli/commented.js';",
      "import { h } from 'node:fs';",
    ].join('\n');
    expect(importedSpecifiers(text)).toEqual(['../cli/a.js', '../report/b.js', '../serve/c.js', '../render/side-effect.js', '../compile/d.js', '../ir/e.js']);
    expect(edges.length).toBeGreaterThan(100);
  });
});
