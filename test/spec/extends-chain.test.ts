// The one `extends` walker (src/spec/extends-chain.ts) and the one reading of an `extends:` value
// (src/spec/extends-value.ts), which the CLI's analysis, the playground server and the page share.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DiagnosticBag, DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { followExtends, followExtendsAsync, type ChainRules } from '../../src/spec/extends-chain.js';
import { baseNameOf, baseNameOfText, extendsOfText } from '../../src/spec/extends-value.js';
import { parseYamlTree } from '../../src/spec/yaml-tree.js';

/** What load.ts reads from the parsed tree: the reference the text readers must agree with. */
const fromTree = (text: string) => {
  const tree = parseYamlTree(text, 'spec.yaml', new DiagnosticBag());
  return tree ? baseNameOf(tree)?.written : undefined;
};

describe('the extends: value, read from the text as the analysis reads it', () => {
  test.each([
    ['extends: base.yaml\nname: x\n', 'base.yaml'],
    ['name: x\nextends: "my base.yaml"  # comment\n', 'my base.yaml'],
    ["extends: '../b.yml'\n", '../b.yml'],
    ["extends: 'it''s.yaml'\n", "it's.yaml"],
    ['extends: "tab\\tname.yaml"\n', 'tab\tname.yaml'],
    ['"extends": quoted-key.yaml\n', 'quoted-key.yaml'],
    ['extends:\n  next-line.yaml\nname: x\n', 'next-line.yaml'],
    ['description: |\n  extends: not-a-key.yaml\nname: x\n', undefined],
    ['name: x\n  extends: nested.yaml\n', undefined],
    ['layers: []\n', undefined],
    ['extends: [1, 2]\n', undefined],
    ['extends: 5\n', undefined],
    ['# extends: commented.yaml\nname: x\n', undefined],
  ])('%j → %j, whole or by its entry', (text, expected) => {
    expect(fromTree(text)).toBe(expected);
    expect(extendsOfText(text)).toBe(expected);
    expect(extendsOfText(text, 0)).toBe(expected); // as a text over FULL_PARSE_BYTES is read
  });

  test('a flow-style document is read whole; over FULL_PARSE_BYTES its extends is not found (the one known difference)', () => {
    expect(extendsOfText('{extends: flow.yaml, name: x}\n')).toBe('flow.yaml');
    expect(extendsOfText('{extends: flow.yaml, name: x}\n', 0)).toBeUndefined();
  });
});

describe('walking the chain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-chain-'));
  const folder = join(dir, 'project');
  mkdirSync(folder);
  writeFileSync(join(dir, 'outside.yaml'), 'name: outside\n');
  writeFileSync(join(folder, 'a.yaml'), 'extends: b.yaml\n');
  writeFileSync(join(folder, 'b.yaml'), 'name: b\n');
  symlinkSync(join(dir, 'outside.yaml'), join(folder, 'link.yaml'));
  const rules: ChainRules = { baseOf: baseNameOfText };
  const first = (text: string) => ({ path: join(folder, 'spec.yaml'), text });
  const texts: Record<string, string> = { [join(folder, 'a.yaml')]: 'extends: b.yaml\n', [join(folder, 'b.yaml')]: 'name: b\n' };
  const read = (path: string): string => {
    const text = texts[path];
    if (text === undefined) throw new DiagnosticError('file', 'no such file');
    return text;
  };

  test('reads each base once, in order, and says which extends named it', () => {
    const chain = followExtends(first('extends: a.yaml\n'), rules, read);
    expect(chain.refused).toBeUndefined();
    expect(chain.files.map((f) => [f.path, f.namedBy?.written])).toEqual([
      [join(folder, 'spec.yaml'), undefined],
      [join(folder, 'a.yaml'), 'a.yaml'],
      [join(folder, 'b.yaml'), 'b.yaml'],
    ]);
  });

  test('a reading error follows the written name; any other error is "cannot be read"', () => {
    expect(followExtends(first('extends: gone.yaml\n'), rules, read).refused).toMatchObject({
      code: 'extends',
      message: 'gone.yaml: no such file',
      reason: 'no such file',
    });
    const broken = () => {
      throw new TypeError('internal detail');
    };
    expect(followExtends(first('extends: a.yaml\n'), rules, broken).refused?.message).toBe('a.yaml: cannot be read');
  });

  test('confined to a folder: a link out of it or a path out of it is refused before reading; inside, the real path is read', async () => {
    const confinedRules = { ...rules, within: folder };
    const nothing = () => {
      throw new Error('must not read');
    };
    for (const base of ['link.yaml', '../outside.yaml']) {
      const chain = followExtends(first(`extends: ${base}\n`), confinedRules, nothing);
      expect(chain.refused?.message).toBe(`${base}: outside the followed spec's folder: the playground reads files in that folder and below only`);
    }
    expect(followExtends(first('extends: gone.yaml\n'), confinedRules, nothing).refused?.message).toBe('gone.yaml: no such file');
    const chain = await followExtendsAsync(first('extends: a.yaml\n'), confinedRules, async (path) => read(path));
    expect(chain.files.map((f) => f.text)).toEqual(['extends: a.yaml\n', 'extends: b.yaml\n', 'name: b\n']);
  });

  test('a total size (16 + 16 + 8 bytes here): the base that crosses it is refused', () => {
    const chain = followExtends(first('extends: a.yaml\n'), { ...rules, maxTotalBytes: 39 }, read);
    expect(chain.files.length).toBe(2);
    expect(chain.refused).toMatchObject({ written: 'b.yaml', message: 'b.yaml: the extends chain is over 39.00 B in all' });
  });
});
