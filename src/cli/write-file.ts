// Atomic output: write a temporary file beside the target, then rename, so a failure never leaves
// a half-written file and an existing file is only replaced on purpose.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './command.js';

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && existsSync(path)) {
    throw new UsageError(`${path} already exists (use --force to overwrite)`);
  }
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
