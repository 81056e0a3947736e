// One read of the followed spec and its `extends` chain, as the page receives it. The chain is walked
// by src/spec/extends-chain.ts, as the analysis walks it (the same bounds, cycle check and names);
// here bases are also confined to the followed spec's folder (symbolic links resolved) and the
// chain's total size is capped. A base refused for what is on disk (missing, too large, outside
// the folder) is named with the reason and never read; the page's analysis puts the reason after
// the name the spec wrote ("../x.yaml: no such file"), and reports the other refusals itself.
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { basename, dirname, posix } from 'node:path';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { followExtendsAsync } from '../spec/extends-chain.js';
import { baseNameOfText } from '../spec/extends-value.js';
import { MAX_CHAIN_BYTES } from './limits.js';
import type { SpecPayload } from './protocol.js';
import { isYamlName, readCappedText, RefusedFile } from './spec-files.js';

export interface ChainRead {
  payload: SpecPayload;
  /** Every file whose change changes the payload (the spec and each base named). */
  watched: string[];
}

export const versionOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** A base's text for the walk; a refusal becomes the reason the walk reports. */
async function readBase(path: string): Promise<string> {
  try {
    return await readCappedText(path, basename(path));
  } catch (err) {
    throw err instanceof RefusedFile ? new DiagnosticError('extends', err.message) : err;
  }
}

export async function readSpecChain(path: string): Promise<ChainRead> {
  const name = basename(path);
  const file = `/served/${name}`;
  let text: string;
  try {
    if (!isYamlName(path)) throw new RefusedFile(`${name}: the playground follows .yaml and .yml files only`);
    text = await readCappedText(path, name);
  } catch (err) {
    const gone = err instanceof RefusedFile && err.missing;
    return { payload: { name, file, text: '', related: {}, error: `${(err as Error).message}${gone ? '; Save writes it again' : ''}` }, watched: [path] };
  }
  const folder = await realpath(dirname(path)).catch(() => dirname(path));
  const chain = await followExtendsAsync({ path, text }, { baseOf: baseNameOfText, within: folder, maxTotalBytes: MAX_CHAIN_BYTES }, readBase);
  // Page paths: each base resolved against the page path of the file that named it.
  const pages = [file];
  for (const base of chain.files.slice(1)) pages.push(posix.resolve(posix.dirname(pages.at(-1)!), base.namedBy!.written));
  const related = Object.fromEntries(chain.files.slice(1).map((base, i) => [pages[i + 1]!, base.text]));
  const refusal = chain.refused?.reason === undefined ? undefined : chain.refused;
  const refused = refusal ? { [posix.resolve(posix.dirname(pages.at(-1)!), refusal.written)]: refusal.reason! } : undefined;
  return {
    payload: { name, file, text, related, ...(refused ? { refused } : {}), version: versionOf(text) },
    // A missing base is watched too: its creation changes the payload.
    watched: [...chain.files.map((f) => f.path), ...(refusal ? [refusal.path] : [])],
  };
}
