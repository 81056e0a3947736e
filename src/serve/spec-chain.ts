// One read of the followed spec and its `extends` chain, as the page receives it. Bases are handed
// out only when they are regular .yaml/.yml files inside the followed spec's folder (symbolic links
// resolved), within the size caps; anything else is named with the reason and never read. Reasons
// follow the name the spec wrote ("../x.yaml: no such file") in the page's diagnostic.
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { basename, dirname, posix, resolve, sep } from 'node:path';
import { extendsOf } from './extends-of.js';
import { MAX_CHAIN_BYTES, MAX_EXTENDS_DEPTH } from './limits.js';
import type { SpecPayload } from './protocol.js';
import { formatBytes } from '../format/format.js';
import { isYamlName, readCappedText, RefusedFile } from './spec-files.js';

export interface ChainRead {
  payload: SpecPayload;
  /** Every file whose change changes the payload (the spec and each base named). */
  watched: string[];
}

export const versionOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

export async function readSpecChain(path: string): Promise<ChainRead> {
  const name = basename(path);
  const file = `/served/${name}`;
  const watched = [path];
  let text: string;
  try {
    if (!isYamlName(path)) throw new RefusedFile(`${name}: the playground follows .yaml and .yml files only`);
    text = await readCappedText(path, name);
  } catch (err) {
    const gone = err instanceof RefusedFile && err.missing;
    return { payload: { name, file, text: '', related: {}, error: `${(err as Error).message}${gone ? '; Save writes it again' : ''}` }, watched };
  }
  const related: Record<string, string> = {};
  const refused: Record<string, string> = {};
  const folder = await realpath(dirname(path)).catch(() => dirname(path));
  let total = Buffer.byteLength(text);
  let current = { disk: path, page: file, text };
  for (let depth = 0; depth < MAX_EXTENDS_DEPTH; depth++) {
    const base = extendsOf(current.text);
    if (!base) break;
    const next = { disk: resolve(dirname(current.disk), base), page: posix.resolve(posix.dirname(current.page), base) };
    if (related[next.page] !== undefined || refused[next.page] !== undefined) break;
    watched.push(next.disk);
    const shown = base.split(/[\\/]/).pop() || base;
    try {
      const baseText = await readBase(next.disk, folder, shown);
      total += Buffer.byteLength(baseText);
      if (total > MAX_CHAIN_BYTES) throw new RefusedFile(`the extends chain is over ${formatBytes(MAX_CHAIN_BYTES)} in all`);
      related[next.page] = baseText;
      current = { ...next, text: baseText };
    } catch (err) {
      refused[next.page] = (err as Error).message;
      break;
    }
  }
  return {
    payload: { name, file, text, related, ...(Object.keys(refused).length ? { refused } : {}), version: versionOf(text) },
    watched,
  };
}

async function readBase(disk: string, folder: string, shown: string): Promise<string> {
  if (!isYamlName(disk)) throw new RefusedFile('not a .yaml/.yml file: the playground reads only .yaml and .yml files');
  let real: string;
  try {
    real = await realpath(disk);
  } catch {
    throw new RefusedFile('no such file', true);
  }
  if (!real.startsWith(folder.endsWith(sep) ? folder : folder + sep)) {
    throw new RefusedFile("outside the followed spec's folder: the playground reads files in that folder and below only");
  }
  return readCappedText(real, shown);
}
