// The browser bundle's node:path slice behaves as node:path does for the gallery's POSIX paths.
import * as posix from 'node:path/posix';
import { describe, expect, it } from 'vitest';
import * as shim from '../../../src/serve/web/node-path.js';

const pairs: [string, string][] = [
  ['/specs', '/specs/resnet50.yaml'],
  ['/specs/a', '/specs/b/c.yaml'],
  ['/specs', '/specs'],
  ['/', '/x/y'],
  ['/a/b/c', '/d'],
];

describe('node-path shim', () => {
  it.each(pairs)('relative(%s, %s) as node:path', (from, to) => expect(shim.relative(from, to)).toBe(posix.relative(from, to)));
  it.each(pairs)('resolve(%s, %s) and dirname as node:path', (from, to) => {
    expect(shim.resolve(from, to)).toBe(posix.resolve(from, to));
    expect(shim.dirname(to)).toBe(posix.dirname(to));
  });
});
