// The spec file given to `netspec serve`: read with its `extends` chain, and watched so the page
// can follow saves made in any editor (including those that write a new file and rename it).
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { readSpecFile } from '../spec/load.js';
import type { SpecPayload } from './protocol.js';

const MAX_EXTENDS_DEPTH = 8;
/** Saves arrive as several file-system events; one read after they settle. */
const SETTLE_MS = 40;

function extendsOf(text: string): string | undefined {
  try {
    const doc = parse(text) as { extends?: unknown } | null;
    return typeof doc?.extends === 'string' ? doc.extends : undefined;
  } catch {
    return undefined;
  }
}

/** The payload the page gets: page paths live under `/served/`, mirroring the disk layout. */
export function readServedSpec(path: string): SpecPayload {
  const name = basename(path);
  const file = `/served/${name}`;
  let text: string;
  try {
    text = readSpecFile(path);
  } catch (err) {
    return { name, file, text: '', related: {}, error: `cannot read ${path}: ${(err as Error).message.split('\n')[0]}` };
  }
  const related: Record<string, string> = {};
  let current = { disk: path, page: file, text };
  for (let depth = 0; depth < MAX_EXTENDS_DEPTH; depth++) {
    const base = extendsOf(current.text);
    if (!base) break;
    const next = { disk: resolve(dirname(current.disk), base), page: posix.resolve(posix.dirname(current.page), base) };
    if (related[next.page] !== undefined) break;
    try {
      related[next.page] = readSpecFile(next.disk);
    } catch {
      break; // the analysis in the page reports it on the `extends` line
    }
    current = { ...next, text: related[next.page]! };
  }
  return { name, file, text, related };
}

/** Calls `onChange` after each save of `path`; returns the watcher to close. */
export function watchSpec(path: string, onChange: () => void): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  const name = basename(path);
  return watch(dirname(path), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  });
}
